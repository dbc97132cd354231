import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { DeclarationAmended, DeclarationLodged } from '@corridor/declarations';
import { JobQueue } from '@corridor/platform';
import { SCORE_JOB_OPTIONS, SCORE_QUEUE, type ScoreJob } from '../risk.queues';

/**
 * Lodging and amending queue a score job, after the declaration's commit. Lodging never waits
 * for risk: if the queue is down, the declaration stays lodged and the sweep picks it up.
 */
@EventsHandler(DeclarationLodged, DeclarationAmended)
export class QueueScoringHandler implements IEventHandler<DeclarationLodged | DeclarationAmended> {
  private readonly logger = new Logger('Risk');

  constructor(private readonly jobs: JobQueue) {}

  handle(event: DeclarationLodged | DeclarationAmended): void {
    const job: ScoreJob = { declarationId: event.declarationId, version: event.version, trigger: event instanceof DeclarationAmended ? 'amended' : 'lodged' };
    this.jobs.add(SCORE_QUEUE, job, { ...SCORE_JOB_OPTIONS, jobId: `${event.declarationId}:${event.version}` })
      .catch((error) => this.logger.warn({ declarationId: event.declarationId, error: error instanceof Error ? error.message : String(error) }, 'could not queue risk scoring; the sweep will retry'));
  }
}
