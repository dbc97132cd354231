import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EnqueueOptions, JobHandler, JobQueue } from '@corridor/platform';
import { RiskLifecycle } from './risk.lifecycle';
import { LEARN_QUEUE, RETRAIN_QUEUE, SCORE_QUEUE, SWEEP_QUEUE } from './risk.queues';
import type { LearnFromInspectionJob } from './learning/learn-from-inspection.job';
import type { RetrainModelsJob } from './learning/retrain-models.job';
import type { ScoreDeclarationJob } from './scoring/score-declaration.job';
import type { SweepLodgedJob } from './scoring/sweep-lodged.job';

/** Records what the lifecycle registers and queues. */
class FakeQueue {
  readonly handlers = new Map<string, JobHandler<unknown>>();
  readonly added: Array<{ queue: string; data: unknown; options: EnqueueOptions }> = [];
  process<T>(queue: string, handler: JobHandler<T>): void {
    this.handlers.set(queue, handler as JobHandler<unknown>);
  }
  async add<T>(queue: string, data: T, options: EnqueueOptions = {}): Promise<string> {
    this.added.push({ queue, data, options });
    return options.jobId ?? 'x';
  }
}

function lifecycle(schedule: boolean, workQueues = [SCORE_QUEUE, LEARN_QUEUE, RETRAIN_QUEUE, SWEEP_QUEUE]) {
  const queue = new FakeQueue();
  const retrained: string[] = [];
  const retrain = { run: async (trigger: string) => (retrained.push(trigger), []) } as unknown as RetrainModelsJob;
  const sweep = { run: async () => 0 } as unknown as SweepLodgedJob;
  const l = new RiskLifecycle(queue as unknown as JobQueue, {} as ScoreDeclarationJob, {} as LearnFromInspectionJob, retrain, sweep, { schedule, retrainHourUtc: 2, sweepIntervalMs: 60_000, workQueues });
  return { l, queue, retrained };
}

describe('the risk workers and schedules', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('works the score, learn, retrain and sweep queues', async () => {
    const { l, queue } = lifecycle(false);
    await l.onApplicationBootstrap();
    expect([...queue.handlers.keys()]).toEqual([SCORE_QUEUE, LEARN_QUEUE, RETRAIN_QUEUE, SWEEP_QUEUE]);
    expect(queue.added).toEqual([]);
  });

  it('leaves the queues it is told not to work to other processes', async () => {
    const { l, queue } = lifecycle(false, [SCORE_QUEUE, LEARN_QUEUE]);
    await l.onApplicationBootstrap();
    expect([...queue.handlers.keys()]).toEqual([SCORE_QUEUE, LEARN_QUEUE]);
  });

  it('schedules the daily retrain once per day, and the next one after each run', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T10:00:00Z'));
    const { l, queue, retrained } = lifecycle(true);
    await l.onApplicationBootstrap();
    const retrain = queue.added.find((a) => a.queue === RETRAIN_QUEUE);
    expect(retrain?.options).toMatchObject({ jobId: 'retrain:2026-11-26', delayMs: 16 * 3_600_000 });
    expect(queue.added.find((a) => a.queue === SWEEP_QUEUE)?.options.jobId).toMatch(/^sweep:\d+$/);

    queue.added.length = 0;
    vi.setSystemTime(new Date('2026-11-26T02:00:00.300Z'));
    await (queue.handlers.get(RETRAIN_QUEUE) as JobHandler<unknown>)({ trigger: 'schedule' }, { id: 'retrain:2026-11-26', attempt: 1 });
    expect(retrained).toEqual(['schedule']);
    expect(queue.added.find((a) => a.queue === RETRAIN_QUEUE)?.options.jobId).toBe('retrain:2026-11-27');
    // A manual retrain does not move the schedule.
    queue.added.length = 0;
    await (queue.handlers.get(RETRAIN_QUEUE) as JobHandler<unknown>)({ trigger: 'manual' }, { id: 'manual:1', attempt: 1 });
    expect(queue.added).toEqual([]);
  });
});
