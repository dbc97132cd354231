import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RiskAssessmentRow, RiskFeedbackRow, RiskSettingRow } from './risk.entities';
import { sqlExecute, sqlTable } from '@corridor/platform';

const ASSESSMENTS = sqlTable<RiskAssessmentRow>('risk_assessments', [
  ['id', 'id'], ['declarationId', 'declaration_id'], ['version', 'version'], ['assessedAt', 'assessed_at'], ['score', 'score'], ['channel', 'channel'],
  ['selected', 'selected'], ['random', 'random'], ['modelVersion', 'model_version'], ['reasons', 'reasons'], ['audit', 'audit'], ['outcome', 'outcome'], ['trigger', '"trigger"'],
]);

/** Assessments with their full reasoning, officers' feedback on them, and selection settings. */
@Injectable()
export class AssessmentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(row: RiskAssessmentRow): Promise<void> {
    await sqlExecute(this.db.manager, ASSESSMENTS.insert, ASSESSMENTS.values(row));
  }

  /** Newest first. */
  async history(declarationId: string): Promise<RiskAssessmentRow[]> {
    return this.db.getRepository(RiskAssessmentRow).find({ where: { declarationId }, order: { assessedAt: 'DESC', id: 'ASC' } });
  }

  async get(id: string): Promise<RiskAssessmentRow | null> {
    return this.db.getRepository(RiskAssessmentRow).findOneBy({ id });
  }

  /** The scores of the last `limit` recorded assessments, oldest first (the selection's history). */
  async recentScores(limit: number): Promise<number[]> {
    const rows = await this.db.getRepository(RiskAssessmentRow).find({ select: { score: true, assessedAt: true }, where: { outcome: 'recorded' }, order: { assessedAt: 'DESC' }, take: limit });
    return rows.map((r) => Number(r.score)).reverse();
  }

  async addFeedback(row: RiskFeedbackRow): Promise<void> {
    await this.db.getRepository(RiskFeedbackRow).insert(row);
  }

  async feedback(declarationId: string): Promise<RiskFeedbackRow[]> {
    return this.db.getRepository(RiskFeedbackRow).find({ where: { declarationId }, order: { at: 'ASC', id: 'ASC' } });
  }

  async setting(key: string): Promise<RiskSettingRow | null> {
    return this.db.getRepository(RiskSettingRow).findOneBy({ key });
  }

  async saveSetting(key: string, value: string, by: string, at: string): Promise<void> {
    await this.db.getRepository(RiskSettingRow).save({ key, value, updatedBy: by, updatedAt: at });
  }
}
