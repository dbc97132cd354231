import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { NotFoundError } from '@corridor/domain';
import { GetDeclaration, type DeclarationView } from '@corridor/declarations';
import { HistoryRepository } from '../persistence/history.repository';
import type { LearnJob } from '../risk.queues';
import { DeclarationScorer } from '../scoring/declaration-scorer';
import { ModelRegistry } from './model-registry';
import { labelsOf } from './risk-schema';

/**
 * The 'risk.learn' job: labels the inspected version's items (1 for an item with a finding of
 * that error type, or every item when the finding names none; 0 otherwise) and folds them into
 * each error type's model at once. The labels are stored first, so a replayed job never learns
 * twice and the nightly retrain sees every inspection.
 */
@Injectable()
export class LearnFromInspectionJob {
  constructor(private readonly queries: QueryBus, private readonly history: HistoryRepository, private readonly scorer: DeclarationScorer, private readonly models: ModelRegistry) {}

  async run(job: LearnJob): Promise<'learned' | 'already' | 'gone'> {
    let items = await this.history.items(job.declarationId, job.version);
    if (items.length === 0) {
      // Inspected without a stored score (scored elsewhere, or before risk ran): take its model rows now.
      let view: DeclarationView;
      try {
        view = await this.queries.execute(new GetDeclaration(job.declarationId, job.version));
      } catch (error) {
        if (error instanceof NotFoundError) return 'gone';
        throw error;
      }
      const a = await this.scorer.assess({ declarationId: view.id, version: view.version, data: view.declaration, discrepancies: view.discrepancies, lodgedAt: view.versionCreatedAt, trigger: 'inspection', sample: false });
      await this.history.storeScored({
        declarationId: view.id, version: view.version, lodgedAt: view.versionCreatedAt, facts: a.facts, records: a.records, contacts: a.contacts,
        score: view.risk?.score ?? a.breakdown.score, channel: view.risk?.channel ?? a.selection.channel, selected: view.risk?.selected ?? false, random: view.risk?.random ?? false, at: a.assessedAt,
      });
      items = await this.history.items(job.declarationId, job.version);
    }
    const findings = job.inspection.result === 'compliant' ? [] : (job.inspection.findings ?? []);
    const labels = items.map((item) => labelsOf(item.itemIndex, findings));
    const first = await this.history.recordInspection(job.declarationId, job.version, { result: job.inspection.result, findings }, labels, job.at);
    if (!first) return 'already';
    await this.models.observe(items.map((item, i) => ({ record: JSON.parse(item.record), labels: labels[i] })));
    return 'learned';
  }
}
