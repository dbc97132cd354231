import { UnprocessableError } from '@corridor/domain';
import type { CorridorConfig, EnqueueOptions, JobHandler, JobQueue } from '@corridor/platform';
import { describe, expect, it } from 'vitest';
import type { ForecastRefresher } from './refresh-forecast/forecast-refresher';
import { FORECAST_QUEUE, TwinLifecycle } from './twin.lifecycle';

function lifecycle(schedule: boolean, refresh: () => Promise<{ id: string }>) {
  const queue = {
    handlers: new Map<string, JobHandler<unknown>>(),
    added: [] as Array<{ queue: string; data: unknown; options: EnqueueOptions }>,
    process(name: string, handler: JobHandler<unknown>) { this.handlers.set(name, handler); },
    async add(name: string, data: unknown, options: EnqueueOptions = {}) { this.added.push({ queue: name, data, options }); return options.jobId ?? 'x'; },
  };
  const config = { twin: { refreshMinutes: 5 } } as unknown as CorridorConfig;
  const l = new TwinLifecycle(queue as unknown as JobQueue, { refresh } as unknown as ForecastRefresher, config, { schedule });
  return { l, queue };
}

describe('the twin forecast worker and schedule', () => {
  it('works the twin.forecast queue and schedules the next 5-minute slot once per slot', async () => {
    const { l, queue } = lifecycle(true, async () => ({ id: 'f1' }));
    await l.onApplicationBootstrap();
    expect(queue.handlers.has(FORECAST_QUEUE)).toBe(true);
    expect(queue.added).toHaveLength(1);
    const slot = 300_000;
    const at = Date.UTC(2026, 10, 25, 8, 2, 30);
    await l.scheduleNext(at);
    expect(queue.added[1].options).toMatchObject({ jobId: `${FORECAST_QUEUE}:${Math.floor(at / slot) + 1}`, delayMs: 150_000, attempts: 1 });
  });

  it('queues the next slot after a scheduled run, but not after a manual one', async () => {
    const { l, queue } = lifecycle(true, async () => ({ id: 'f1' }));
    expect(await l.run({ trigger: 'schedule' })).toBe('f1');
    expect(queue.added).toHaveLength(1);
    await l.run({ trigger: 'manual' });
    expect(queue.added).toHaveLength(1);
  });

  it('skips a refresh on too little telemetry without failing the job, and still schedules the next', async () => {
    const { l, queue } = lifecycle(true, async () => { throw new UnprocessableError('TWIN.TOO_LITTLE_TELEMETRY', 'too little telemetry'); });
    expect(await l.run({ trigger: 'schedule' })).toBe('skipped');
    expect(queue.added).toHaveLength(1);
  });

  it('fails the job on an unexpected error, and still schedules the next', async () => {
    const { l, queue } = lifecycle(true, async () => { throw new Error('disk full'); });
    await expect(l.run({ trigger: 'schedule' })).rejects.toThrow('disk full');
    expect(queue.added).toHaveLength(1);
  });

  it('schedules nothing when the schedule is off (tests drive refreshes)', async () => {
    const { l, queue } = lifecycle(false, async () => ({ id: 'f1' }));
    await l.onApplicationBootstrap();
    await l.run({ trigger: 'schedule' });
    expect(queue.added).toHaveLength(0);
  });
});
