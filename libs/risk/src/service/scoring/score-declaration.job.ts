import { Injectable, Logger } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ConflictError, NotFoundError } from '@corridor/domain';
import { GetDeclaration, RecordRiskAssessment, type DeclarationView } from '@corridor/declarations';
import { randomUUID } from 'node:crypto';
import { AssessmentRepository } from '../persistence/assessment.repository';
import { HistoryRepository } from '../persistence/history.repository';
import type { ScoreJob } from '../risk.queues';
import { SelectionSettings } from '../selection-policy/selection-settings';
import { ValuationService } from '../valuation/valuation.service';
import { DeclarationScorer } from './declaration-scorer';

/** An assessment the declaration no longer wants: it moved to a newer version or past risk. */
const STALE = new Set(['DECLARATION.STALE_ASSESSMENT', 'DECLARATION.INVALID_TRANSITION']);

/**
 * The 'risk.score' job: scores a declaration version, reports the result back to the
 * declaration (RecordRiskAssessment), then stores the assessment with its reasoning and what
 * the risk context remembers of the declaration. A failure throws, and the queue retries; an
 * outdated version is dropped quietly.
 */
@Injectable()
export class ScoreDeclarationJob {
  private readonly logger = new Logger('Risk');

  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly scorer: DeclarationScorer,
    private readonly assessments: AssessmentRepository,
    private readonly history: HistoryRepository,
    private readonly selection: SelectionSettings,
    private readonly valuation: ValuationService,
  ) {}

  async run(job: ScoreJob): Promise<'recorded' | 'stale' | 'gone'> {
    let view: DeclarationView;
    try {
      view = await this.queries.execute(new GetDeclaration(job.declarationId, job.version));
    } catch (error) {
      if (error instanceof NotFoundError) return 'gone';
      throw error;
    }
    // allowedTransitions is empty for a version that is no longer the latest.
    if (!view.allowedTransitions.includes('risk-assessed')) return 'stale';

    const a = await this.scorer.assess({ declarationId: view.id, version: view.version, data: view.declaration, discrepancies: view.discrepancies, lodgedAt: view.versionCreatedAt, trigger: job.trigger });
    let outcome: 'recorded' | 'stale' = 'recorded';
    try {
      await this.commands.execute(new RecordRiskAssessment(view.id, {
        version: view.version,
        score: a.breakdown.score,
        channel: a.selection.channel,
        selected: a.selection.selected,
        random: a.selection.random,
        reasons: a.reasons.map((r) => ({ text: r.text, weight: r.weight, ...(r.itemIndex !== undefined ? { itemIndex: r.itemIndex } : {}) })),
        assessedAt: a.assessedAt,
        modelVersion: a.modelVersion,
      }));
    } catch (error) {
      if (!(error instanceof ConflictError && STALE.has(error.code))) throw error;
      outcome = 'stale';
      this.logger.debug({ declarationId: view.id, version: view.version, code: error.code }, 'assessment dropped: the declaration moved on');
    }
    await this.assessments.insert({
      id: randomUUID(), declarationId: view.id, version: view.version, assessedAt: a.assessedAt, score: a.breakdown.score, channel: a.selection.channel,
      selected: a.selection.selected, random: a.selection.random, modelVersion: a.modelVersion, reasons: JSON.stringify(a.reasons), audit: JSON.stringify(a.audit), outcome, trigger: job.trigger,
    });
    if (outcome === 'recorded') {
      const stored = await this.history.storeScored({
        declarationId: view.id, version: view.version, lodgedAt: view.versionCreatedAt, facts: a.facts, records: a.records, contacts: a.contacts,
        score: a.breakdown.score, channel: a.selection.channel, selected: a.selection.selected, random: a.selection.random, at: a.assessedAt,
      });
      this.selection.record(a.breakdown.score);
      if (stored) this.valuation.add(a.facts);
    }
    return outcome;
  }
}
