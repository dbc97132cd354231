import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, NotFoundError } from '@corridor/domain';
import { DataSource, In, IsNull } from 'typeorm';
import { AgencyKeyRow, AgencyRow } from './ecert.entities';
import { isUniqueViolation } from './unique-violation';

export interface AgencyRecord {
  agency: AgencyRow;
  keys: AgencyKeyRow[];
}

/** The agency registry's SQL; one transaction per change. */
@Injectable()
export class AgencyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(agency: AgencyRow, key: AgencyKeyRow): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.getRepository(AgencyRow).insert(agency);
      await manager.getRepository(AgencyKeyRow).insert(key);
    }).catch((error) => {
      if (isUniqueViolation(error)) throw new ConflictError('AGENCY.EXISTS', `an agency with id ${agency.id} is already registered`, 'id');
      throw error;
    });
  }

  async find(id: string): Promise<AgencyRecord | undefined> {
    const agency = await this.db.getRepository(AgencyRow).findOneBy({ id });
    if (!agency) return undefined;
    return { agency, keys: await this.db.getRepository(AgencyKeyRow).findBy({ agencyId: id }) };
  }

  async get(id: string): Promise<AgencyRecord> {
    const record = await this.find(id);
    if (!record) throw new NotFoundError('AGENCY.NOT_FOUND', `no agency ${id}`);
    return record;
  }

  async list(): Promise<AgencyRecord[]> {
    const agencies = await this.db.getRepository(AgencyRow).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    const keys = await this.keysOf(agencies.map((a) => a.id));
    return agencies.map((agency) => ({ agency, keys: keys.filter((k) => k.agencyId === agency.id) }));
  }

  async findMany(ids: readonly string[]): Promise<AgencyRow[]> {
    if (ids.length === 0) return [];
    const rows: AgencyRow[] = [];
    for (let i = 0; i < ids.length; i += 500) rows.push(...(await this.db.getRepository(AgencyRow).findBy({ id: In(ids.slice(i, i + 500)) })));
    return rows;
  }

  async keysOf(agencyIds: readonly string[]): Promise<AgencyKeyRow[]> {
    if (agencyIds.length === 0) return [];
    const rows: AgencyKeyRow[] = [];
    for (let i = 0; i < agencyIds.length; i += 500) rows.push(...(await this.db.getRepository(AgencyKeyRow).findBy({ agencyId: In(agencyIds.slice(i, i + 500)) })));
    return rows;
  }

  /** Closes every open key at `at` and adds the new one, valid from `at`. */
  async rotate(agencyId: string, key: AgencyKeyRow, at: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.getRepository(AgencyKeyRow).update({ agencyId, validTo: IsNull(), revokedAt: IsNull() }, { validTo: at });
      await manager.getRepository(AgencyKeyRow).insert(key);
    }).catch((error) => {
      if (isUniqueViolation(error)) throw new ConflictError('AGENCY.KEY_EXISTS', `key ${key.keyId} is already registered for agency ${agencyId}`, 'publicKey');
      throw error;
    });
  }

  /** Marks a key compromised from `at`; a key is revoked once. */
  async revokeKey(agencyId: string, keyId: string, at: string, reason: string): Promise<void> {
    const key = await this.db.getRepository(AgencyKeyRow).findOneBy({ agencyId, keyId });
    if (!key) throw new NotFoundError('AGENCY.KEY_NOT_FOUND', `agency ${agencyId} has no key ${keyId}`);
    const updated = await this.db.getRepository(AgencyKeyRow).update({ agencyId, keyId, revokedAt: IsNull() }, { revokedAt: at, revocationReason: reason });
    if (!updated.affected) throw new ConflictError('AGENCY.KEY_ALREADY_REVOKED', `key ${keyId} of agency ${agencyId} is already revoked`);
  }
}
