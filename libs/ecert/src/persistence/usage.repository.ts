import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { DeclarationCheckRow, DrawRow } from './ecert.entities';
import { isUniqueViolation } from './unique-violation';

/** Draws on certificate goods lines, per declaration goods item, and the latest check per declaration. */
@Injectable()
export class UsageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async recordedVersion(declarationId: string): Promise<number | undefined> {
    return (await this.db.getRepository(DeclarationCheckRow).findOneBy({ declarationId }))?.version;
  }

  /**
   * Replaces the declaration's draws with those of `version`, unless a later version was recorded
   * already (events may arrive out of order, or twice). The check row is written first so
   * concurrent recorders of one declaration queue on its lock. Returns false when stale.
   */
  async replaceDraws(declarationId: string, version: number, draws: DrawRow[], checks: string, at: string): Promise<boolean> {
    try {
      return await this.db.transaction(async (manager) => {
        const rows = manager.getRepository(DeclarationCheckRow);
        const updated = await rows.update({ declarationId, version: LessThanOrEqual(version) }, { version, recordedAt: at, checks });
        if (!updated.affected) {
          if (await rows.existsBy({ declarationId })) return false;
          await rows.insert({ declarationId, version, recordedAt: at, checks });
        }
        await manager.getRepository(DrawRow).delete({ declarationId });
        if (draws.length > 0) await manager.getRepository(DrawRow).insert(draws);
        return true;
      });
    } catch (error) {
      // Another process recorded the same declaration at the same moment: its draws stand.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async saveChecks(declarationId: string, version: number, checks: string): Promise<void> {
    await this.db.getRepository(DeclarationCheckRow).update({ declarationId, version }, { checks });
  }

  async releaseDraws(declarationId: string): Promise<void> {
    await this.db.getRepository(DrawRow).delete({ declarationId });
  }

  /** Every draw on these certificates, oldest lodgement first (who drew first is served first). */
  async drawsOn(certificateIds: readonly string[]): Promise<DrawRow[]> {
    if (certificateIds.length === 0) return [];
    const rows = await this.db.getRepository(DrawRow).find({ where: { certificateId: In([...new Set(certificateIds)]) } });
    return rows.sort((a, b) => a.lodgedAt.localeCompare(b.lodgedAt) || a.declarationId.localeCompare(b.declarationId) || a.itemIndex - b.itemIndex);
  }
}
