import { Injectable, Logger } from '@nestjs/common';
import { createEmptyRiskModel, type RiskModel } from '../../model/risk-model';
import { trainRiskModel } from '../../model/train';
import { HistoryRepository, type LabelledItem } from '../persistence/history.repository';
import type { ModelMeta } from '../persistence/model.repository';
import { ValuationService } from '../valuation/valuation.service';
import { ModelRegistry } from './model-registry';
import { MODEL_ERROR_TYPES, RISK_SCHEMA, TRAINING_HEADER, trainingRow, type ModelErrorType } from './risk-schema';

/** Boosted trees need this much history; below it a model is rebuilt from statistics alone. */
export const MIN_TRAINING_ROWS = 100;
export const MIN_CLASS_ROWS = 5;

/**
 * The 'risk.retrain' job: every error type's model relearnt from all stored inspection results
 * (the colleague's learning core: hierarchical smoothing HS6 -> HS4 -> HS2 and pairs, then
 * boosted trees), stored as a new version. Inspections that arrive while it trains are folded
 * into the new models before they are stored.
 */
@Injectable()
export class RetrainModelsJob {
  private readonly logger = new Logger('Risk');

  constructor(private readonly history: HistoryRepository, private readonly models: ModelRegistry, private readonly valuation: ValuationService) {}

  async run(trigger: string): Promise<ModelMeta[]> {
    const items = await this.history.labelledItems();
    const last = items.length > 0 ? items[items.length - 1].learnedAt : undefined;
    const built = MODEL_ERROR_TYPES.map((errorType) => ({ errorType, ...this.build(errorType, items) }));
    const late = last === undefined ? await this.history.labelledItems() : await this.history.labelledItems(last);
    const stored: ModelMeta[] = [];
    for (const b of built) {
      for (const item of late) b.model.observe(item.record, item.labels.includes(b.errorType) ? 1 : 0);
      stored.push(await this.models.replace(b.errorType, b.model, b.kind, trigger, b.rows, b.positives));
    }
    await this.valuation.reload();
    this.logger.log(`models retrained from ${items.length} inspected items: ${stored.map((m) => `${m.errorType} v${m.version} (${m.kind})`).join(', ')}`);
    return stored;
  }

  private build(errorType: ModelErrorType, items: LabelledItem[]): { model: RiskModel; kind: 'empty' | 'naive' | 'trained'; rows: number; positives: number } {
    const labels = items.map((i) => (i.labels.includes(errorType) ? 1 : 0) as 0 | 1);
    const positives = labels.reduce<number>((s, y) => s + y, 0);
    const rows = items.length;
    if (rows >= MIN_TRAINING_ROWS && positives >= MIN_CLASS_ROWS && rows - positives >= MIN_CLASS_ROWS) {
      try {
        const table = { header: TRAINING_HEADER, rows: items.map((item, i) => trainingRow(item.record, labels[i])) };
        return { model: trainRiskModel(table, RISK_SCHEMA, { seed: 1 }), kind: 'trained', rows, positives };
      } catch (error) {
        this.logger.warn({ errorType, error: error instanceof Error ? error.message : String(error) }, 'training failed; using statistics only');
      }
    }
    const model = createEmptyRiskModel(RISK_SCHEMA);
    items.forEach((item, i) => model.observe(item.record, labels[i]));
    return { model, kind: rows === 0 ? 'empty' : 'naive', rows, positives };
  }
}
