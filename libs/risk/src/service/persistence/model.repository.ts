import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { RiskModelRow } from './risk.entities';

export type ModelMeta = Omit<RiskModelRow, 'body'>;

const META_COLUMNS: (keyof RiskModelRow)[] = ['id', 'errorType', 'version', 'revision', 'kind', 'rows', 'positives', 'observations', 'trigger', 'createdAt', 'updatedAt'];

/** Model versions as JSON rows; incremental updates are optimistic (revision check). */
@Injectable()
export class ModelRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async latest(errorType: string): Promise<RiskModelRow | null> {
    return this.db.getRepository(RiskModelRow).findOne({ where: { errorType }, order: { version: 'DESC' } });
  }

  /** The latest version and revision of every error type (cheap: no bodies). */
  async latestMeta(): Promise<ModelMeta[]> {
    const rows = await this.db.getRepository(RiskModelRow).createQueryBuilder('m')
      .select(META_COLUMNS.map((c) => `m.${c}`))
      .where('m.version = (SELECT MAX(x.version) FROM risk_models x WHERE x.error_type = m.error_type)')
      .getMany();
    return rows;
  }

  async list(errorType?: string): Promise<ModelMeta[]> {
    const query = this.db.getRepository(RiskModelRow).createQueryBuilder('m').select(META_COLUMNS.map((c) => `m.${c}`));
    if (errorType) query.where('m.error_type = :errorType', { errorType });
    return query.orderBy('m.error_type', 'ASC').addOrderBy('m.version', 'DESC').getMany();
  }

  /** Inserts a new version; false when another process inserted that version first. */
  async insert(row: RiskModelRow): Promise<boolean> {
    try {
      await this.db.getRepository(RiskModelRow).insert(row);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Replaces the body if nobody changed it since `revision`; false when someone did. */
  async update(id: string, revision: number, body: string, observations: number, at: string): Promise<boolean> {
    const result = await this.db.createQueryBuilder().update(RiskModelRow)
      .set({ body, revision: revision + 1, observations, updatedAt: at })
      .where('id = :id AND revision = :revision', { id, revision }).execute();
    return Boolean(result.affected);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string } }).driverError;
  return driverError?.code === '23505' || /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(String(error.message));
}
