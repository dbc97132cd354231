import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { FindDeclarations } from '@corridor/declarations';
import { JobQueue } from '@corridor/platform';
import { SCORE_JOB_OPTIONS, SCORE_QUEUE, type ScoreJob } from '../risk.queues';

const PAGE = 200;
const MAX_PAGES = 10;

/**
 * The 'risk.sweep' job: declarations still lodged (their event reached no risk worker, or the
 * queue was down) get a score job. Job ids dedupe against jobs already queued.
 */
@Injectable()
export class SweepLodgedJob {
  constructor(private readonly queries: QueryBus, private readonly jobs: JobQueue) {}

  async run(): Promise<number> {
    let queued = 0;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const found = await this.queries.execute(new FindDeclarations({ status: 'lodged', page, limit: PAGE }));
      for (const d of found.items) {
        const job: ScoreJob = { declarationId: d.id, version: d.version, trigger: 'sweep' };
        await this.jobs.add(SCORE_QUEUE, job, { ...SCORE_JOB_OPTIONS, jobId: `${d.id}:${d.version}` });
        queued++;
      }
      if (found.items.length < PAGE) break;
    }
    return queued;
  }
}
