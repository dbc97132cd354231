import { Logger } from '@nestjs/common';
import Bull from 'bull';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, EnqueueOptions, FailedJob, JobHandler, JobQueue, QueueCounts } from './job-queue';

/**
 * Distributed mode: one Bull queue per name on REDIS_URL. A job whose worker dies mid-run is
 * found stalled and run again; failed jobs are kept (removeOnFail: false) and listable.
 */
export class BullJobQueue extends JobQueue {
  readonly kind = 'bull' as const;
  private readonly queues = new Map<string, Bull.Queue>();
  private readonly logger = new Logger('Jobs');

  constructor(private readonly redisUrl: string, private readonly prefix: string) {
    super();
  }

  process<T>(queue: string, handler: JobHandler<T>, concurrency = 1): void {
    void this.queue(queue).process(concurrency, async (job) => handler(job.data as T, { id: String(job.id), attempt: job.attemptsMade + 1 }));
  }

  async add<T>(queue: string, data: T, options: EnqueueOptions = {}): Promise<string> {
    const job = await this.queue(queue).add(data, {
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
      jobId: options.jobId,
      delay: options.delayMs,
      removeOnComplete: 1000,
      removeOnFail: false,
    });
    return String(job.id);
  }

  async failed(queue: string): Promise<FailedJob[]> {
    const jobs = await this.queue(queue).getFailed(0, 999);
    return jobs.map((job) => ({
      id: String(job.id),
      queue,
      data: job.data,
      attempts: job.attemptsMade,
      error: job.failedReason ?? 'unknown',
      failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
    }));
  }

  async counts(queue: string): Promise<QueueCounts> {
    const counts = await this.queue(queue).getJobCounts();
    return { waiting: counts.waiting, active: counts.active, delayed: counts.delayed, completed: counts.completed, failed: counts.failed };
  }

  async idle(queue: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.counts(queue);
      if (counts.waiting + counts.active + counts.delayed === 0) return;
      if (Date.now() > deadline) throw new Error(`queue ${queue} still busy after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async ping(): Promise<void> {
    const probe = this.queue('health');
    await probe.client.ping();
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  private queue(name: string): Bull.Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Bull(name, this.redisUrl, { prefix: this.prefix, settings: { maxStalledCount: 3 } });
      queue.on('error', (error) => this.logger.error({ queue: name, error: error.message }, 'queue error'));
      queue.on('failed', (job, error) => this.logger.warn({ queue: name, jobId: job.id, attempt: job.attemptsMade, error: error.message }, 'job failed'));
      this.queues.set(name, queue);
    }
    return queue;
  }
}
