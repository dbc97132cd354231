import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { requireServiceUrl } from '../testing/services';
import { BullJobQueue } from './bull-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobQueue } from './job-queue';

const redisUrl = requireServiceUrl('TEST_REDIS_URL');

const implementations: Array<[string, boolean, () => JobQueue]> = [
  ['in process', true, () => new InProcessJobQueue()],
  ['Bull on Redis', Boolean(redisUrl), () => new BullJobQueue(redisUrl ?? '', `test_${randomUUID().slice(0, 8)}`)],
];

describe.each(implementations)('JobQueue (%s)', (_name, available, make) => {
  let queue: JobQueue | undefined;
  afterEach(async () => queue?.close());

  it.skipIf(!available)('runs a job with its data', async () => {
    queue = make();
    const seen: number[] = [];
    queue.process<{ n: number }>('double', async ({ n }) => { seen.push(n * 2); });
    await queue.add('double', { n: 21 });
    await queue.idle('double', 10_000);
    expect(seen).toEqual([42]);
    expect((await queue.counts('double')).completed).toBe(1);
  });

  it.skipIf(!available)('retries with backoff and keeps a job that never succeeds', async () => {
    queue = make();
    const attempts: number[] = [];
    queue.process('flaky', async (_data, job) => {
      attempts.push(job.attempt);
      throw new Error(`boom ${job.attempt}`);
    });
    const id = await queue.add('flaky', { order: 7 }, { attempts: 3, backoffMs: 10 });
    await queue.idle('flaky', 10_000);
    expect(attempts).toEqual([1, 2, 3]);
    const failed = await queue.failed('flaky');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ id, data: { order: 7 }, attempts: 3, error: 'boom 3' });
  });

  it.skipIf(!available)('succeeds on a retry after a passing failure', async () => {
    queue = make();
    let runs = 0;
    queue.process('passing', async () => {
      runs++;
      if (runs === 1) throw new Error('transient');
    });
    await queue.add('passing', {}, { attempts: 2, backoffMs: 10 });
    await queue.idle('passing', 10_000);
    expect(runs).toBe(2);
    expect(await queue.failed('passing')).toHaveLength(0);
  });

  it.skipIf(!available)('dedupes jobs that share an id', async () => {
    queue = make();
    let runs = 0;
    queue.process('once', async () => { runs++; await new Promise((r) => setTimeout(r, 20)); });
    await Promise.all([queue.add('once', {}, { jobId: 'a' }), queue.add('once', {}, { jobId: 'a' })]);
    await queue.idle('once', 10_000);
    expect(runs).toBe(1);
  });

  it.skipIf(!available)('answers a health ping', async () => {
    queue = make();
    await expect(queue.ping()).resolves.toBeUndefined();
  });
});
