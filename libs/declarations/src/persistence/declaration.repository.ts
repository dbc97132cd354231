import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, NotFoundError } from '@corridor/domain';
import { bytesToHex, canonicalJsonBytes, hashLeaf } from '@corridor/ledger';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { DeclarationData } from '../model/declaration';
import type { Discrepancy } from '../model/cross-check';
import { allowedNext, type DeclarationStatus } from '../model/status';
import type { DeclarationSummary, DeclarationView, LedgerReceipt, RiskAssessment, StatusChange } from '../model/views';
import { DeclarationRow, DeclarationStatusRow, DeclarationVersionRow, IdempotencyRow } from './declaration.entities';

export interface NewVersion {
  declarationId: string;
  version: number;
  body: string;
  hash: string;
  ledger: LedgerReceipt;
  reason?: string;
  discrepancies: Discrepancy[];
  at: string;
  by: string;
  data: DeclarationData;
}

export interface DeclarationFilter {
  plate?: string;
  transponder?: string;
  carrierId?: string;
  status?: DeclarationStatus;
  from?: string;
  to?: string;
  page: number;
  limit: number;
}

/** All SQL of the context; one transaction per command. */
@Injectable()
export class DeclarationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async idempotentResponse(key: string): Promise<{ requestHash: string; response: DeclarationView } | undefined> {
    const row = await this.db.getRepository(IdempotencyRow).findOneBy({ key });
    return row ? { requestHash: row.requestHash, response: JSON.parse(row.response) } : undefined;
  }

  /** Writes version 1, its status and (optionally) the idempotency record, in the caller's transaction. */
  async insertNew(manager: EntityManager, version: NewVersion, lodgedBy: string, idempotency?: { key: string; requestHash: string }): Promise<DeclarationView> {
    const row = manager.getRepository(DeclarationRow).create({
      id: version.declarationId,
      type: version.data.type,
      status: 'lodged',
      currentVersion: 1,
      lodgedAt: version.at,
      updatedAt: version.at,
      lodgedBy,
      risk: null,
      ...searchColumns(version.data),
    });
    await manager.getRepository(DeclarationRow).insert(row);
    const versionRow = await this.insertVersion(manager, version);
    await this.insertStatus(manager, version.declarationId, { status: 'lodged', at: version.at, by: lodgedBy });
    const view = { ...toView(row, versionRow), ledger: version.ledger };
    if (idempotency) {
      try {
        await manager.getRepository(IdempotencyRow).insert({ key: idempotency.key, requestHash: idempotency.requestHash, response: JSON.stringify(view), createdAt: version.at });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('IDEMPOTENCY.IN_FLIGHT', 'a request with this Idempotency-Key was just processed; retry to get its response');
        throw error;
      }
    }
    return view;
  }

  /** Adds version n+1 if the declaration is still at version n (a concurrent amendment loses with 409). */
  async insertAmendment(manager: EntityManager, version: NewVersion, expectedStatus: DeclarationStatus): Promise<DeclarationView> {
    const updated = await manager.createQueryBuilder().update(DeclarationRow)
      .set({ currentVersion: version.version, status: 'lodged', updatedAt: version.at, risk: null, ...searchColumns(version.data) })
      .where('id = :id AND current_version = :previous AND status = :status', { id: version.declarationId, previous: version.version - 1, status: expectedStatus })
      .execute();
    if (!updated.affected) throw new ConflictError('DECLARATION.CONCURRENT_CHANGE', 'the declaration changed while this amendment was prepared; read it again and retry');
    const versionRow = await this.insertVersion(manager, version);
    await this.insertStatus(manager, version.declarationId, { status: 'lodged', at: version.at, by: version.by, note: `amended: ${version.reason}` });
    return { ...toView(await this.row(manager, version.declarationId), versionRow), ledger: version.ledger };
  }

  /** Moves status from `from` to `to` atomically; loses with 409 if someone else moved it first. */
  async changeStatus(id: string, from: DeclarationStatus, change: StatusChange, risk?: RiskAssessment): Promise<DeclarationView> {
    return this.db.transaction(async (manager) => {
      const set: Partial<DeclarationRow> = { status: change.status, updatedAt: change.at };
      if (risk) set.risk = JSON.stringify(risk);
      const updated = await manager.createQueryBuilder().update(DeclarationRow).set(set)
        .where('id = :id AND status = :from', { id, from }).execute();
      if (!updated.affected) throw new ConflictError('DECLARATION.CONCURRENT_CHANGE', `the declaration is no longer ${from}; read it again`);
      await this.insertStatus(manager, id, change);
      const row = await this.row(manager, id);
      return toView(row, await this.versionRow(manager, id, row.currentVersion));
    });
  }

  async get(id: string, version?: number): Promise<DeclarationView> {
    const row = await this.row(this.db.manager, id);
    return toView(row, await this.versionRow(this.db.manager, id, version ?? row.currentVersion));
  }

  async history(id: string): Promise<StatusChange[]> {
    await this.row(this.db.manager, id);
    const rows = await this.db.getRepository(DeclarationStatusRow).find({ where: { declarationId: id }, order: { at: 'ASC' } });
    return rows.map((r) => ({ status: r.status as DeclarationStatus, at: r.at, by: r.by, ...(r.note ? { note: r.note } : {}), ...(r.details ? { details: JSON.parse(r.details) } : {}) }));
  }

  async find(filter: DeclarationFilter): Promise<{ items: DeclarationSummary[]; total: number; page: number; limit: number }> {
    const query = this.db.getRepository(DeclarationRow).createQueryBuilder('d');
    if (filter.plate) query.andWhere('d.plate_key = :plate', { plate: filter.plate });
    if (filter.transponder) query.andWhere('d.transponder = :transponder', { transponder: filter.transponder });
    if (filter.carrierId) query.andWhere('d.carrier_id = :carrierId', { carrierId: filter.carrierId });
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('d.expected_arrival >= :from', { from: filter.from });
    if (filter.to) query.andWhere('d.expected_arrival <= :to', { to: filter.to });
    const [rows, total] = await query.orderBy('d.expected_arrival', 'ASC').addOrderBy('d.id', 'ASC')
      .skip((filter.page - 1) * filter.limit).take(filter.limit).getManyAndCount();
    return { items: rows.map(toSummary), total, page: filter.page, limit: filter.limit };
  }

  private async row(manager: EntityManager, id: string): Promise<DeclarationRow> {
    const row = await manager.getRepository(DeclarationRow).findOneBy({ id });
    if (!row) throw new NotFoundError('DECLARATION.NOT_FOUND', `no declaration ${id}`);
    return row;
  }

  private async versionRow(manager: EntityManager, id: string, version: number): Promise<DeclarationVersionRow> {
    const row = await manager.getRepository(DeclarationVersionRow).findOneBy({ declarationId: id, version });
    if (!row) throw new NotFoundError('DECLARATION.VERSION_NOT_FOUND', `declaration ${id} has no version ${version}`);
    return row;
  }

  private async insertVersion(manager: EntityManager, v: NewVersion): Promise<DeclarationVersionRow> {
    const row = manager.getRepository(DeclarationVersionRow).create({
      declarationId: v.declarationId,
      version: v.version,
      body: v.body,
      hash: v.hash,
      ledgerIndex: v.ledger.index,
      ledgerTreeSize: v.ledger.treeSize,
      reason: v.reason ?? null,
      discrepancies: JSON.stringify(v.discrepancies),
      createdAt: v.at,
      createdBy: v.by,
    });
    await manager.getRepository(DeclarationVersionRow).insert(row);
    return row;
  }

  private async insertStatus(manager: EntityManager, declarationId: string, change: StatusChange): Promise<void> {
    await manager.getRepository(DeclarationStatusRow).insert({
      id: randomUUID(),
      declarationId,
      status: change.status,
      at: change.at,
      by: change.by,
      note: change.note ?? null,
      details: change.details === undefined ? null : JSON.stringify(change.details),
    });
  }
}

function searchColumns(data: DeclarationData) {
  return {
    declarantId: data.declarant.id,
    importerId: data.importer?.id ?? null,
    carrierId: data.conveyance.carrierId ?? null,
    plateKey: data.conveyance.plate ? `${data.conveyance.plate.jurisdiction}:${data.conveyance.plate.number}` : null,
    transponder: data.conveyance.transponder ?? null,
    officeOfEntry: data.officeOfEntry,
    expectedArrival: data.expectedArrival,
    itemCount: data.items.length,
  };
}

function toView(row: DeclarationRow, version: DeclarationVersionRow): DeclarationView {
  const status = row.status as DeclarationStatus;
  const risk: RiskAssessment | undefined = row.risk ? JSON.parse(row.risk) : undefined;
  const isLatest = version.version === row.currentVersion;
  return {
    id: row.id,
    version: version.version,
    status,
    type: row.type as DeclarationView['type'],
    lodgedAt: row.lodgedAt,
    updatedAt: row.updatedAt,
    versionCreatedAt: version.createdAt,
    ...(version.reason ? { reason: version.reason } : {}),
    hash: version.hash,
    ledger: ledgerReceipt(row.id, version),
    discrepancies: JSON.parse(version.discrepancies),
    ...(risk && isLatest ? { risk } : {}),
    allowedTransitions: isLatest ? [...allowedNext(status)] : [],
    declaration: JSON.parse(version.body),
  };
}

export function ledgerEntry(declarationId: string, version: number, sha256: string): LedgerReceipt['entry'] {
  return { type: 'corridor.declaration.v1', declarationId, version, sha256 };
}

function ledgerReceipt(declarationId: string, version: DeclarationVersionRow): LedgerReceipt {
  const entry = ledgerEntry(declarationId, version.version, version.hash);
  return { index: version.ledgerIndex, leafHash: bytesToHex(hashLeaf(canonicalJsonBytes(entry))), treeSize: version.ledgerTreeSize, entry };
}

function toSummary(row: DeclarationRow): DeclarationSummary {
  const risk: RiskAssessment | undefined = row.risk ? JSON.parse(row.risk) : undefined;
  return {
    id: row.id,
    version: row.currentVersion,
    status: row.status as DeclarationStatus,
    type: row.type as DeclarationSummary['type'],
    declarantId: row.declarantId,
    ...(row.importerId ? { importerId: row.importerId } : {}),
    ...(row.carrierId ? { carrierId: row.carrierId } : {}),
    ...(row.plateKey ? { plate: row.plateKey } : {}),
    ...(row.transponder ? { transponder: row.transponder } : {}),
    officeOfEntry: row.officeOfEntry,
    expectedArrival: row.expectedArrival,
    lodgedAt: row.lodgedAt,
    itemCount: row.itemCount,
    ...(risk ? { risk: { score: risk.score, channel: risk.channel, selected: risk.selected, random: risk.random, version: risk.version } } : {}),
  };
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string } }).driverError;
  return driverError?.code === '23505' || /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(String(error.message));
}
