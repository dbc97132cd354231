import type { Passage } from '../api/types';

/**
 * How the console is hearing from its lane:
 * - connecting: the first live stream is being opened;
 * - live: the server-sent events stream is open (changes arrive as they happen);
 * - reconnecting: the stream dropped and is retried after a backoff (`retryAt`);
 * - polling: the stream keeps failing, so the current passage is fetched every few seconds
 *   while the stream is still retried in the background;
 * - offline: neither works; `error` says why (network, expired sign-in...).
 */
export type StreamStatus =
  | { kind: 'connecting' }
  | { kind: 'live'; since: number }
  | { kind: 'reconnecting'; attempt: number; retryAt: number }
  | { kind: 'polling'; everyMs: number; retryAt: number }
  | { kind: 'offline'; error: string; retryAt: number };

/** The part of the browser's EventSource the client uses; tests pass a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export interface PassageStreamOptions {
  /** The stream's URL, built on each attempt (the token may have changed). */
  url: () => string;
  /** GET .../passages/current: null while the lane has no passage; throws on failure. */
  fetchCurrent: () => Promise<Passage | null>;
  onPassage: (passage: Passage | null) => void;
  onStatus: (status: StreamStatus) => void;
  /** Describes a failed poll for the status line. */
  describe?: (error: unknown) => string;
  eventSource?: EventSourceFactory;
  /** First retry delay; doubles on each failure up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** After this many failed stream attempts in a row, poll until the stream comes back. */
  pollAfterFailures?: number;
  pollEveryMs?: number;
  /** A stream that has not opened after this long counts as failed. */
  openTimeoutMs?: number;
  /**
   * While live, the current passage is also fetched this often: the API's stream only sees
   * changes made in the process serving it, so with several processes a change can be missed.
   */
  resyncEveryMs?: number;
  /** 0..1, for jitter; fixed in tests. */
  random?: () => number;
  now?: () => number;
}

const defaults = { initialBackoffMs: 1_000, maxBackoffMs: 30_000, pollAfterFailures: 2, pollEveryMs: 3_000, openTimeoutMs: 10_000, resyncEveryMs: 30_000 };

/**
 * The lane's current passage, live. Opens the server-sent events stream (`event: passage`, data as
 * GET /api/passages/{id}); when it fails it retries with exponential backoff and jitter, and after
 * a few failures in a row polls GET .../passages/current until the stream opens again. The
 * browser's own EventSource retry is not used: it hides HTTP errors and never backs off.
 */
export class PassageStream {
  private readonly o: Required<PassageStreamOptions>;
  private source?: EventSourceLike;
  private failures = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private openTimer?: ReturnType<typeof setTimeout>;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private resyncTimer?: ReturnType<typeof setInterval>;
  private polling = false;
  private stopped = true;
  private retryAt = 0;
  /** Why the last poll failed; undefined after a good one. */
  private pollError?: string;

  constructor(options: PassageStreamOptions) {
    this.o = {
      ...defaults,
      random: Math.random,
      now: Date.now,
      describe: (error: unknown) => (error instanceof Error ? error.message : String(error)),
      eventSource: (url: string) => new EventSource(url) as unknown as EventSourceLike,
      ...options,
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.o.onStatus({ kind: 'connecting' });
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.closeSource();
    clearTimeout(this.retryTimer);
    this.stopPolling();
  }

  /** Retry now (the officer pressed "Reconnect"), without waiting for the backoff. */
  retryNow(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.closeSource();
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    let source: EventSourceLike;
    try {
      source = this.o.eventSource(this.o.url());
    } catch {
      this.failed();
      return;
    }
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      clearTimeout(this.openTimer);
      this.failures = 0;
      this.stopPolling();
      this.o.onStatus({ kind: 'live', since: this.o.now() });
      clearInterval(this.resyncTimer);
      this.resyncTimer = setInterval(() => {
        if (this.source !== source) return;
        this.o.fetchCurrent().then(
          (passage) => this.source === source && this.o.onPassage(passage),
          () => undefined, // the stream is the source of truth while it is open
        );
      }, this.o.resyncEveryMs);
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.failed();
    };
    source.addEventListener('passage', (event) => {
      if (this.source !== source) return;
      try {
        this.o.onPassage(JSON.parse(String(event.data)) as Passage);
      } catch {
        // A malformed message is skipped; the next change sends the whole passage again.
      }
    });
    clearTimeout(this.openTimer);
    this.openTimer = setTimeout(() => {
      if (this.source === source && source.readyState !== OPEN) this.failed();
    }, this.o.openTimeoutMs);
  }

  private failed(): void {
    this.closeSource();
    if (this.stopped) return;
    this.failures += 1;
    const base = Math.min(this.o.maxBackoffMs, this.o.initialBackoffMs * 2 ** (this.failures - 1));
    const delay = Math.round(base * (0.75 + 0.5 * this.o.random()));
    this.retryAt = this.o.now() + delay;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
    if (this.failures < this.o.pollAfterFailures) {
      this.o.onStatus({ kind: 'reconnecting', attempt: this.failures, retryAt: this.retryAt });
    } else if (!this.polling) {
      this.polling = true;
      this.pollError = undefined;
      this.o.onStatus({ kind: 'polling', everyMs: this.o.pollEveryMs, retryAt: this.retryAt });
      void this.poll();
    } else {
      this.pollStatus();
    }
  }

  private pollStatus(): void {
    if (this.pollError !== undefined) this.o.onStatus({ kind: 'offline', error: this.pollError, retryAt: this.retryAt });
    else this.o.onStatus({ kind: 'polling', everyMs: this.o.pollEveryMs, retryAt: this.retryAt });
  }

  private stopPolling(): void {
    this.polling = false;
    clearTimeout(this.pollTimer);
  }

  private async poll(): Promise<void> {
    if (!this.polling || this.stopped) return;
    try {
      const passage = await this.o.fetchCurrent();
      if (!this.polling || this.stopped) return;
      this.o.onPassage(passage);
      this.pollError = undefined;
    } catch (error) {
      if (!this.polling || this.stopped) return;
      this.pollError = this.o.describe(error);
    }
    this.pollStatus();
    if (this.polling && !this.stopped) this.pollTimer = setTimeout(() => void this.poll(), this.o.pollEveryMs);
  }

  private closeSource(): void {
    clearTimeout(this.openTimer);
    clearInterval(this.resyncTimer);
    const source = this.source;
    this.source = undefined;
    if (source) {
      source.onopen = null;
      source.onerror = null;
      source.close();
    }
  }
}

/** EventSource.OPEN, without relying on the global in tests. */
const OPEN = 1;
