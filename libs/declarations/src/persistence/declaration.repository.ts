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
import { sqlExecute, sqlLimit, sqlSelect, sqlTable } from '@corridor/platform';

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
    const row: DeclarationRow = {
      id: version.declarationId,
      type: version.data.type,
      status: 'lodged',
      currentVersion: 1,
      lodgedAt: version.at,
      updatedAt: version.at,
      lodgedBy,
      risk: null,
      ...searchColumns(version.data),
    };
    await sqlExecute(manager, DECLARATIONS.insert, DECLARATIONS.values(row));
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

  /**
   * Moves status from `from` to `to` atomically; loses with 409 if someone else moved it first.
   * `current`, the caller's view of the latest version, saves reading and parsing that version again.
   */
  async changeStatus(id: string, from: DeclarationStatus, change: StatusChange, risk?: RiskAssessment, current?: DeclarationView): Promise<DeclarationView> {
    return this.db.transaction(async (manager) => {
      const updated = risk
        ? await sqlExecute(manager, 'UPDATE declarations SET status = ?, updated_at = ?, risk = ? WHERE id = ? AND status = ?', [change.status, change.at, JSON.stringify(risk), id, from])
        : await sqlExecute(manager, 'UPDATE declarations SET status = ?, updated_at = ? WHERE id = ? AND status = ?', [change.status, change.at, id, from]);
      if (!updated) throw new ConflictError('DECLARATION.CONCURRENT_CHANGE', `the declaration is no longer ${from}; read it again`);
      await this.insertStatus(manager, id, change);
      const row = await this.row(manager, id);
      if (current && current.id === id && current.version === row.currentVersion) return withRow(row, current);
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
    const terms: string[] = [];
    const params: unknown[] = [];
    const where = (term: string, value: unknown) => {
      terms.push(term);
      params.push(value);
    };
    if (filter.plate) where('plate_key = ?', filter.plate);
    if (filter.transponder) where('transponder = ?', filter.transponder);
    if (filter.carrierId) where('carrier_id = ?', filter.carrierId);
    if (filter.status) where('status = ?', filter.status);
    if (filter.from) where('expected_arrival >= ?', filter.from);
    if (filter.to) where('expected_arrival <= ?', filter.to);
    const clause = terms.length > 0 ? ` WHERE ${terms.join(' AND ')}` : '';
    const manager = this.db.manager;
    const rows = await sqlSelect<Record<string, unknown>>(manager, `${DECLARATIONS.select}${clause} ORDER BY expected_arrival ASC, id ASC${sqlLimit(filter.limit, (filter.page - 1) * filter.limit)}`, params);
    // The count is only needed when the page is full or not the first (as the page tells the rest).
    const total = rows.length < filter.limit && (filter.page === 1 || rows.length > 0)
      ? (filter.page - 1) * filter.limit + rows.length
      : Number((await sqlSelect<{ n: number | string }>(manager, `SELECT COUNT(*) AS n FROM declarations${clause}`, params))[0].n);
    return { items: rows.map((r) => toSummary(DECLARATIONS.row(r))), total, page: filter.page, limit: filter.limit };
  }

  private async row(manager: EntityManager, id: string): Promise<DeclarationRow> {
    const [row] = await sqlSelect<Record<string, unknown>>(manager, `${DECLARATIONS.select} WHERE id = ?`, [id]);
    if (!row) throw new NotFoundError('DECLARATION.NOT_FOUND', `no declaration ${id}`);
    return DECLARATIONS.row(row);
  }

  /** Versions never change once committed: the recently read ones are kept (reading a declaration is on every truck's path). */
  private readonly readVersions = new Map<string, DeclarationVersionRow>();

  private async versionRow(manager: EntityManager, id: string, version: number): Promise<DeclarationVersionRow> {
    const key = `${id}/${version}`;
    const known = this.readVersions.get(key);
    if (known) return known;
    const [found] = await sqlSelect<Record<string, unknown>>(manager, `${VERSIONS.select} WHERE declaration_id = ? AND version = ?`, [id, version]);
    if (!found) throw new NotFoundError('DECLARATION.VERSION_NOT_FOUND', `declaration ${id} has no version ${version}`);
    const row = VERSIONS.row(found);
    // Only rows read back are kept: a row written in a transaction that later rolls back never is.
    // Inside a transaction the row may be this transaction's own, so it is not kept either.
    if (!manager.queryRunner?.isTransactionActive) {
      this.readVersions.set(key, row);
      if (this.readVersions.size > VERSIONS_KEPT) this.readVersions.delete(this.readVersions.keys().next().value as string);
    }
    return row;
  }

  private async insertVersion(manager: EntityManager, v: NewVersion): Promise<DeclarationVersionRow> {
    const row: DeclarationVersionRow = {
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
    };
    await sqlExecute(manager, VERSIONS.insert, VERSIONS.values(row));
    return row;
  }

  private async insertStatus(manager: EntityManager, declarationId: string, change: StatusChange): Promise<void> {
    await sqlExecute(manager, 'INSERT INTO declaration_status_history (id, declaration_id, status, at, "by", note, details) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      randomUUID(),
      declarationId,
      change.status,
      change.at,
      change.by,
      change.note ?? null,
      change.details === undefined ? null : JSON.stringify(change.details),
    ]);
  }
}

const VERSIONS_KEPT = 2_000;

// The two tables' columns, in one place for the plain-SQL reads and writes.
const DECLARATIONS = sqlTable<DeclarationRow>('declarations', [
  ['id', 'id'], ['type', 'type'], ['status', 'status'], ['currentVersion', 'current_version'], ['declarantId', 'declarant_id'],
  ['importerId', 'importer_id'], ['carrierId', 'carrier_id'], ['plateKey', 'plate_key'], ['transponder', 'transponder'],
  ['officeOfEntry', 'office_of_entry'], ['expectedArrival', 'expected_arrival'], ['lodgedAt', 'lodged_at'], ['updatedAt', 'updated_at'],
  ['lodgedBy', 'lodged_by'], ['itemCount', 'item_count'], ['risk', 'risk'],
], ['currentVersion', 'itemCount']);
const VERSIONS = sqlTable<DeclarationVersionRow>('declaration_versions', [
  ['declarationId', 'declaration_id'], ['version', 'version'], ['body', 'body'], ['hash', 'hash'], ['ledgerIndex', 'ledger_index'],
  ['ledgerTreeSize', 'ledger_tree_size'], ['reason', 'reason'], ['discrepancies', 'discrepancies'], ['createdAt', 'created_at'], ['createdBy', 'created_by'],
], ['version', 'ledgerIndex', 'ledgerTreeSize']);

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
    declaration: parsedBody(version),
  };
}

/**
 * Parsed bodies by their hash (the body is canonical JSON, so one hash is one text): a declaration
 * is read three times on its way in (lodged, scored, its risk result recorded) and parsing it was
 * the costliest part of each read. Every reader shares the object, so it is frozen.
 */
const parsedBodies = new Map<string, DeclarationData>();
const BODIES_KEPT = 2_000;

function parsedBody(version: DeclarationVersionRow): DeclarationData {
  let body = parsedBodies.get(version.hash);
  if (body === undefined) {
    body = deepFreeze(JSON.parse(version.body) as DeclarationData);
    parsedBodies.set(version.hash, body);
    if (parsedBodies.size > BODIES_KEPT) parsedBodies.delete(parsedBodies.keys().next().value as string);
  }
  return body;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** The view of the same (latest) version after its declaration row changed (status, risk, update time). */
function withRow(row: DeclarationRow, latest: DeclarationView): DeclarationView {
  const status = row.status as DeclarationStatus;
  const { risk: _previous, ...rest } = latest;
  const risk: RiskAssessment | undefined = row.risk ? JSON.parse(row.risk) : undefined;
  return { ...rest, status, updatedAt: row.updatedAt, ...(risk ? { risk } : {}), allowedTransitions: [...allowedNext(status)] };
}

export function ledgerEntry(declarationId: string, version: number, sha256: string): LedgerReceipt['entry'] {
  return { type: 'corridor.declaration.v1', declarationId, version, sha256 };
}

/** Leaf hashes of the version rows at hand (a row read again is a new object, so this never goes stale). */
const leafHashes = new WeakMap<DeclarationVersionRow, string>();

function ledgerReceipt(declarationId: string, version: DeclarationVersionRow): LedgerReceipt {
  const entry = ledgerEntry(declarationId, version.version, version.hash);
  let leafHash = leafHashes.get(version);
  if (leafHash === undefined) {
    leafHash = bytesToHex(hashLeaf(canonicalJsonBytes(entry)));
    leafHashes.set(version, leafHash);
  }
  return { index: version.ledgerIndex, leafHash, treeSize: version.ledgerTreeSize, entry };
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
