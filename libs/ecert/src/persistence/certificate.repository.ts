import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, NotFoundError } from '@corridor/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { RegistrationJson } from '../verify-certificate/verify-batch';
import { CertificateHistoryRow, CertificateRow } from './ecert.entities';
import { insertRows } from './sql-rows';
import { isUniqueViolation } from './unique-violation';

export interface StatusChange {
  status: 'issued' | 'revoked';
  at: string;
  by: string;
  reason?: string;
  ledgerIndex?: number;
}

const CERTIFICATE_COLUMNS = ['id', 'type', 'agency_id', 'key_id', 'issued_at', 'digest', 'document', 'custody', 'status', 'revoked_at', 'revocation_reason', 'ledger_index', 'ledger_tree_size', 'created_at', 'created_by'];
const HISTORY_COLUMNS = ['id', 'certificate_id', 'status', 'at', 'by', 'reason', 'ledger_index'];

/** The certificate register's SQL; one transaction per change. */
@Injectable()
export class CertificateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async exists(id: string): Promise<boolean> {
    return (await this.db.getRepository(CertificateRow).countBy({ id })) > 0;
  }

  /**
   * Stores a new certificate and its first status with `manager`: the ledger batch's transaction,
   * so the certificate and its ledger entry commit together (see CertificateRegistrar).
   */
  async insertIn(manager: EntityManager, row: CertificateRow, change: StatusChange): Promise<void> {
    const h = historyRow(row.id, change);
    try {
      await insertRows(manager, 'ecert_certificates', CERTIFICATE_COLUMNS, [[
        row.id, row.type, row.agencyId, row.keyId, row.issuedAt, row.digest, row.document, row.custody, row.status,
        row.revokedAt, row.revocationReason, row.ledgerIndex, row.ledgerTreeSize, row.createdAt, row.createdBy,
      ]]);
      await insertRows(manager, 'ecert_certificate_history', HISTORY_COLUMNS, [[h.id, h.certificateId, h.status, h.at, h.by, h.reason, h.ledgerIndex]]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('CERTIFICATE.EXISTS', `a certificate with id ${row.id} is already registered`, 'id');
      throw error;
    }
  }

  async find(id: string): Promise<CertificateRow | undefined> {
    return (await this.db.getRepository(CertificateRow).findOneBy({ id })) ?? undefined;
  }

  async get(id: string): Promise<CertificateRow> {
    const row = await this.find(id);
    if (!row) throw new NotFoundError('CERTIFICATE.NOT_FOUND', `no certificate ${id}`);
    return row;
  }

  async findMany(ids: readonly string[]): Promise<CertificateRow[]> {
    const unique = [...new Set(ids)];
    const rows: CertificateRow[] = [];
    for (let i = 0; i < unique.length; i += 500) rows.push(...(await this.db.getRepository(CertificateRow).findBy({ id: In(unique.slice(i, i + 500)) })));
    return rows;
  }

  /** Status of each id this registry holds (one query per 500 ids; the document text is not read). */
  async registrations(ids: readonly string[]): Promise<Record<string, RegistrationJson>> {
    const unique = [...new Set(ids)];
    const registrations: Record<string, RegistrationJson> = {};
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db.getRepository(CertificateRow).find({
        select: { id: true, digest: true, status: true, revokedAt: true, revocationReason: true },
        where: { id: In(unique.slice(i, i + 500)) },
      });
      for (const row of rows) {
        registrations[row.id] = row.status === 'revoked'
          ? { digest: row.digest, revoked: true, revokedAt: row.revokedAt ?? undefined, reason: row.revocationReason ?? undefined }
          : { digest: row.digest, revoked: false };
      }
    }
    return registrations;
  }

  async history(id: string): Promise<StatusChange[]> {
    const rows = await this.db.getRepository(CertificateHistoryRow).find({ where: { certificateId: id }, order: { at: 'ASC' } });
    return rows.map((row) => ({
      status: row.status as StatusChange['status'],
      at: row.at,
      by: row.by,
      ...(row.reason ? { reason: row.reason } : {}),
      ...(row.ledgerIndex !== null ? { ledgerIndex: row.ledgerIndex } : {}),
    }));
  }

  /** valid -> revoked, once; a concurrent revocation loses with 409. */
  async revoke(id: string, change: StatusChange & { reason: string }): Promise<void> {
    await this.db.transaction(async (manager) => {
      const updated = await manager.getRepository(CertificateRow).update({ id, status: 'valid' }, { status: 'revoked', revokedAt: change.at, revocationReason: change.reason });
      if (!updated.affected) throw new ConflictError('CERTIFICATE.ALREADY_REVOKED', `certificate ${id} is already revoked`);
      await manager.getRepository(CertificateHistoryRow).insert(historyRow(id, change));
    });
  }
}

function historyRow(certificateId: string, change: StatusChange): CertificateHistoryRow {
  return { id: randomUUID(), certificateId, status: change.status, at: change.at, by: change.by, reason: change.reason ?? null, ledgerIndex: change.ledgerIndex ?? null };
}
