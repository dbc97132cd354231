/** What a handler learns about the job it runs. */
export interface JobContext {
  id: string;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<unknown> | unknown;

export interface EnqueueOptions {
  /** Total runs before the job is kept as failed (default 5). */
  attempts?: number;
  /** First retry delay; each further retry doubles it (default 1 s). */
  backoffMs?: number;
  /** Same id twice -> one job (dedupes replays). */
  jobId?: string;
  delayMs?: number;
}

export interface FailedJob {
  id: string;
  queue: string;
  data: unknown;
  attempts: number;
  error: string;
  failedAt: string;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

/**
 * One interface for background work. With REDIS_URL the jobs go through Bull on Redis (they
 * survive a worker's death and spread across processes); without it they run in this process.
 * Contexts depend on this class only, never on Bull.
 */
export abstract class JobQueue {
  abstract readonly kind: 'bull' | 'in-process';
  /** Registers the handler of a queue; call once per queue, at module init. */
  abstract process<T>(queue: string, handler: JobHandler<T>, concurrency?: number): void;
  abstract add<T>(queue: string, data: T, options?: EnqueueOptions): Promise<string>;
  abstract failed(queue: string): Promise<FailedJob[]>;
  abstract counts(queue: string): Promise<QueueCounts>;
  /** Resolves when no job of the queue is waiting, delayed or running (tests, CLIs, shutdown). */
  abstract idle(queue: string, timeoutMs?: number): Promise<void>;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;
