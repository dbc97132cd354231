import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { InspectionRecorded } from '@corridor/declarations';
import { JobQueue } from '@corridor/platform';
import { LEARN_QUEUE, type LearnJob } from '../risk.queues';

/** An inspection result is the ground truth the models learn from: queue it. */
@EventsHandler(InspectionRecorded)
export class QueueLearningHandler implements IEventHandler<InspectionRecorded> {
  private readonly logger = new Logger('Risk');

  constructor(private readonly jobs: JobQueue) {}

  handle(event: InspectionRecorded): void {
    const job: LearnJob = { declarationId: event.declarationId, version: event.version, inspection: event.inspection, at: event.at };
    this.jobs.add(LEARN_QUEUE, job, { attempts: 8, backoffMs: 500, jobId: `${event.declarationId}:${event.version}:${event.at}` })
      .catch((error) => this.logger.warn({ declarationId: event.declarationId, error: error instanceof Error ? error.message : String(error) }, 'could not queue learning from an inspection'));
  }
}
