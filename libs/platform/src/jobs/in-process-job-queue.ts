import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, EnqueueOptions, FailedJob, JobHandler, JobQueue, QueueCounts } from './job-queue';

interface PendingJob {
  id: string;
  data: unknown;
  attempt: number;
  attempts: number;
  backoffMs: number;
}

interface LocalQueue {
  handler?: JobHandler<unknown>;
  concurrency: number;
  ready: PendingJob[];
  delayed: number;
  active: number;
  completed: number;
  failed: FailedJob[];
  ids: Set<string>;
  idleWaiters: Array<() => void>;
}

const KEEP_FAILED = 1000;

/** The embedded default: the same retry and failure semantics as Bull, in memory. */
export class InProcessJobQueue extends JobQueue {
  readonly kind = 'in-process' as const;
  private readonly queues = new Map<string, LocalQueue>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logger = new Logger('Jobs');
  private closed = false;

  process<T>(queue: string, handler: JobHandler<T>, concurrency = 1): void {
    const q = this.queue(queue);
    q.handler = handler as JobHandler<unknown>;
    q.concurrency = concurrency;
    this.pump(queue);
  }

  async add<T>(queue: string, data: T, options: EnqueueOptions = {}): Promise<string> {
    const q = this.queue(queue);
    const id = options.jobId ?? randomUUID();
    if (options.jobId && q.ids.has(id)) return id;
    q.ids.add(id);
    const job: PendingJob = { id, data, attempt: 1, attempts: options.attempts ?? DEFAULT_ATTEMPTS, backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS };
    if (options.delayMs) this.later(queue, job, options.delayMs);
    else q.ready.push(job);
    this.pump(queue);
    return id;
  }

  async failed(queue: string): Promise<FailedJob[]> {
    return [...this.queue(queue).failed];
  }

  async counts(queue: string): Promise<QueueCounts> {
    const q = this.queue(queue);
    return { waiting: q.ready.length, active: q.active, delayed: q.delayed, completed: q.completed, failed: q.failed.length };
  }

  idle(queue: string, timeoutMs = 30_000): Promise<void> {
    const q = this.queue(queue);
    if (this.isIdle(q)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`queue ${queue} still busy after ${timeoutMs} ms`)), timeoutMs);
      q.idleWaiters.push(() => { clearTimeout(timer); resolve(); });
    });
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('job queue closed');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private queue(name: string): LocalQueue {
    let q = this.queues.get(name);
    if (!q) {
      q = { concurrency: 1, ready: [], delayed: 0, active: 0, completed: 0, failed: [], ids: new Set(), idleWaiters: [] };
      this.queues.set(name, q);
    }
    return q;
  }

  private later(queue: string, job: PendingJob, delayMs: number): void {
    const q = this.queue(queue);
    q.delayed++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      q.delayed--;
      q.ready.push(job);
      this.pump(queue);
    }, delayMs);
    this.timers.add(timer);
  }

  private pump(queue: string): void {
    const q = this.queue(queue);
    while (!this.closed && q.handler && q.active < q.concurrency && q.ready.length > 0) {
      const job = q.ready.shift() as PendingJob;
      q.active++;
      // setImmediate: the caller's transaction and response finish before the job starts.
      setImmediate(() => void this.run(queue, q, job));
    }
    this.notifyIfIdle(q);
  }

  private async run(queue: string, q: LocalQueue, job: PendingJob): Promise<void> {
    try {
      await (q.handler as JobHandler<unknown>)(job.data, { id: job.id, attempt: job.attempt });
      q.completed++;
      q.ids.delete(job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempt < job.attempts && !this.closed) {
        this.logger.warn({ queue, jobId: job.id, attempt: job.attempt, error: message }, 'job failed, retrying');
        this.later(queue, { ...job, attempt: job.attempt + 1 }, job.backoffMs * 2 ** (job.attempt - 1));
      } else {
        this.logger.error({ queue, jobId: job.id, attempts: job.attempt, error: message }, 'job failed for good');
        q.failed.push({ id: job.id, queue, data: job.data, attempts: job.attempt, error: message, failedAt: new Date().toISOString() });
        if (q.failed.length > KEEP_FAILED) q.failed.shift();
        q.ids.delete(job.id);
      }
    } finally {
      q.active--;
      this.pump(queue);
    }
  }

  private isIdle(q: LocalQueue): boolean {
    return q.ready.length === 0 && q.active === 0 && q.delayed === 0;
  }

  private notifyIfIdle(q: LocalQueue): void {
    if (!this.isIdle(q) || q.idleWaiters.length === 0) return;
    const waiters = q.idleWaiters.splice(0);
    for (const wake of waiters) wake();
  }
}
