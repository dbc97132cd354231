// Resources: a pool of identical servers (booths, lanes, officers) with a priority queue.
import type { Environment } from './environment';
import { Event, NORMAL, TRIGGERED, URGENT, type Waiter } from './event';
import { Fifo } from './fifo';
import { type CapacitySchedule, checkCapacity, CompiledSchedule } from './schedule';

const QUEUED = 0;
const GRANTED = 1;
const DONE = 2;

/**
 * A claim on one server of a {@link Resource}. Yield it to wait until it is
 * granted; give it back with {@link Resource.release} (which also withdraws a
 * request that is still queued).
 */
export class Request extends Event<void> {
  /** @internal */ _res: Resource;
  /** @internal */ _phase: number;
  /** Queue priority: lower numbers are served first, FIFO within a priority. */
  readonly priority: number;
  /** Simulation time (s) at which the request was made. */
  readonly requestedAt: number;

  /** Use {@link Resource.request}. */
  constructor(env: Environment, res: Resource, priority: number) {
    super(env);
    this._res = res;
    this._phase = QUEUED;
    this.priority = priority;
    this.requestedAt = env._cal.now;
  }

  /** The resource this request is for. */
  get resource(): Resource {
    return this._res;
  }

  /** True once a server has been assigned (even if the requesting process has not resumed yet). */
  get granted(): boolean {
    return this._phase === GRANTED;
  }
}

/** Options of {@link Resource}. */
export interface ResourceOptions {
  /** Number of servers (integer >= 0, default 1). Ignored when `schedule` is given. */
  capacity?: number;
  /** Capacity over time (e.g. booths opening and closing by hour, see {@link hourlyCapacity}). */
  schedule?: CapacitySchedule;
  /** Observations before this time (s) are discarded: statistics restart at `warmup` (default 0). */
  warmup?: number;
  /** Name, for reports and errors. */
  name?: string;
}

/** Snapshot of a resource's statistics since the start (or the last reset/warm-up). */
export interface ResourceStats {
  /** Start of the observation window (s). */
  since: number;
  /** Length of the observation window (s). */
  duration: number;
  /** Requests granted in the window. */
  granted: number;
  /** Mean time (s) between request and grant, over requests granted in the window. */
  meanWait: number;
  /** Sample variance of those waits (s^2). */
  waitVariance: number;
  /** Longest wait (s). */
  maxWait: number;
  /** Time-weighted mean number of queued requests. */
  meanQueueLength: number;
  /** Largest queue length. */
  maxQueueLength: number;
  /** Time-weighted mean number of busy servers. */
  meanBusy: number;
  /** Busy server-time over available server-time (NaN if no capacity was available). */
  utilization: number;
}

interface Bucket {
  priority: number;
  queue: Fifo<Request>;
}

/**
 * A pool of `capacity` servers. `request(priority)` queues a claim; claims are
 * granted lowest priority number first, FIFO within a priority, whenever fewer
 * than `capacity` servers are busy. Lowering the capacity (by hand or by a
 * schedule) never preempts a customer in service: it only stops new grants until
 * busy < capacity. Statistics (waits, time-weighted queue length and busy count)
 * are kept as it runs, at O(1) cost per change.
 */
export class Resource {
  readonly env: Environment;
  /** Name given in the options (or 'resource'). */
  readonly name: string;
  private cap: number;
  private nBusy = 0;
  private nQueued = 0;
  private readonly buckets: Bucket[] = [];
  // Statistics (time-weighted areas since `t0`).
  private t0: number;
  private tLast: number;
  private qArea = 0;
  private bArea = 0;
  private cArea = 0;
  private qMax = 0;
  private wN = 0;
  private wMean = 0;
  private wM2 = 0;
  private wMax = 0;

  constructor(env: Environment, options: ResourceOptions = {}) {
    this.env = env;
    this.name = options.name ?? 'resource';
    const now = env._cal.now;
    this.t0 = now;
    this.tLast = now;
    if (options.schedule !== undefined) {
      const compiled = new CompiledSchedule(options.schedule);
      this.cap = compiled.at(now);
      new CapacityController(this, compiled).arm();
    } else {
      const c = options.capacity ?? 1;
      checkCapacity(c, `${this.name}: capacity`);
      this.cap = c;
    }
    if (options.warmup !== undefined && options.warmup > 0) {
      const w = options.warmup;
      if (!Number.isFinite(w)) throw new RangeError(`${this.name}: warmup must be a finite number of seconds, got ${w}`);
      if (w > now) {
        const ev = new Event<unknown>(env);
        ev._state = TRIGGERED;
        ev._w = new StatsReset(this);
        env._cal.scheduleAt(ev, URGENT, w);
      }
    }
  }

  /** Current number of servers. */
  get capacity(): number {
    return this.cap;
  }

  /** Servers currently in use (may exceed `capacity` just after a capacity cut). */
  get busy(): number {
    return this.nBusy;
  }

  /** Requests currently waiting. */
  get queueLength(): number {
    return this.nQueued;
  }

  /** Asks for one server. `priority`: lower first (default 0), FIFO within a priority. Yield the request to wait for it. */
  request(priority = 0): Request {
    if (!Number.isFinite(priority)) throw new RangeError(`${this.name}: request priority must be a finite number, got ${priority}`);
    const req = new Request(this.env, this, priority);
    if (this.nQueued === 0 && this.nBusy < this.cap) {
      this.touch();
      this.grant(req);
      return req;
    }
    this.touch();
    this.bucket(priority).queue.push(req);
    if (++this.nQueued > this.qMax) this.qMax = this.nQueued;
    if (this.nBusy < this.cap) this.serveQueue();
    return req;
  }

  /**
   * Gives a granted server back (the next queued request is granted at once), or
   * withdraws a request that is still queued. Releasing twice is an error.
   */
  release(req: Request): void {
    if (req._res !== this) throw new Error(`${this.name}: request belongs to another resource`);
    if (req._phase === GRANTED) {
      this.touch();
      req._phase = DONE;
      this.nBusy--;
      if (this.nQueued > 0 && this.nBusy < this.cap) this.serveQueue();
    } else if (req._phase === QUEUED) {
      this.touch();
      req._phase = DONE; // skipped lazily when it reaches the head of its queue
      this.nQueued--;
    } else {
      throw new Error(`${this.name}: request released twice`);
    }
  }

  /** Sets the number of servers now. Raising it grants queued requests; lowering it preempts nobody. */
  setCapacity(capacity: number): void {
    checkCapacity(capacity, `${this.name}: capacity`);
    this.touch();
    this.cap = capacity;
    if (this.nQueued > 0 && this.nBusy < this.cap) this.serveQueue();
  }

  /** Statistics since the start, the warm-up or the last {@link resetStats}, up to now. */
  stats(): ResourceStats {
    this.touch();
    const duration = this.tLast - this.t0;
    return {
      since: this.t0,
      duration,
      granted: this.wN,
      meanWait: this.wN > 0 ? this.wMean : NaN,
      waitVariance: this.wN > 1 ? this.wM2 / (this.wN - 1) : NaN,
      maxWait: this.wN > 0 ? this.wMax : NaN,
      meanQueueLength: duration > 0 ? this.qArea / duration : this.nQueued,
      maxQueueLength: this.qMax,
      meanBusy: duration > 0 ? this.bArea / duration : this.nBusy,
      utilization: this.cArea > 0 ? this.bArea / this.cArea : NaN,
    };
  }

  /** Discards all observations so far (warm-up deletion); statistics restart now. */
  resetStats(): void {
    const now = this.env._cal.now;
    this.t0 = now;
    this.tLast = now;
    this.qArea = 0;
    this.bArea = 0;
    this.cArea = 0;
    this.qMax = this.nQueued;
    this.wN = 0;
    this.wMean = 0;
    this.wM2 = 0;
    this.wMax = 0;
  }

  /** Queued requests in service order (copy). */
  queued(): Request[] {
    const out: Request[] = [];
    for (const b of this.buckets) for (const r of b.queue.toArray()) if (r._phase === QUEUED) out.push(r);
    return out;
  }

  private touch(): void {
    const now = this.env._cal.now;
    const dt = now - this.tLast;
    if (dt > 0) {
      this.qArea += this.nQueued * dt;
      this.bArea += this.nBusy * dt;
      if (this.cap !== Infinity) this.cArea += this.cap * dt;
      this.tLast = now;
    }
  }

  private grant(req: Request): void {
    const now = this.env._cal.now;
    this.nBusy++;
    req._phase = GRANTED;
    const w = now - req.requestedAt;
    const n = ++this.wN;
    const d = w - this.wMean;
    this.wMean += d / n;
    this.wM2 += d * (w - this.wMean);
    if (w > this.wMax) this.wMax = w;
    req._state = TRIGGERED;
    this.env._cal.schedule(req, NORMAL, 0);
  }

  /** Grants queued requests while servers are free. Caller has called touch(). */
  private serveQueue(): void {
    const buckets = this.buckets;
    let bi = 0;
    while (this.nQueued > 0 && this.nBusy < this.cap) {
      while (buckets[bi].queue.size === 0) bi++;
      const req = buckets[bi].queue.shift() as Request;
      if (req._phase !== QUEUED) continue; // withdrawn
      this.nQueued--;
      this.grant(req);
    }
  }

  private bucket(priority: number): Bucket {
    const buckets = this.buckets;
    // Usually one or two priorities: linear scan, kept sorted.
    let i = 0;
    for (; i < buckets.length; i++) {
      const p = buckets[i].priority;
      if (p === priority) return buckets[i];
      if (p > priority) break;
    }
    const b: Bucket = { priority, queue: new Fifo<Request>() };
    buckets.splice(i, 0, b);
    return b;
  }

  /** @internal Applied by the capacity schedule. */
  _scheduledCapacity(capacity: number): void {
    this.setCapacity(capacity);
  }
}

/** @internal Applies a capacity schedule: one calendar event per change. */
class CapacityController implements Waiter {
  constructor(
    private readonly res: Resource,
    private readonly schedule: CompiledSchedule,
  ) {}

  arm(): void {
    const env = this.res.env;
    const next = this.schedule.nextChange(env._cal.now);
    if (next === null) return;
    const ev = new Event<unknown>(env);
    ev._state = TRIGGERED;
    ev._value = next.capacity;
    ev._w = this;
    env._cal.scheduleAt(ev, URGENT, next.time);
  }

  _notify(ev: Event<unknown>): void {
    this.res._scheduledCapacity(ev._value as number);
    this.arm();
  }
}

/** @internal Warm-up deletion at a fixed time. */
class StatsReset implements Waiter {
  constructor(private readonly res: Resource) {}
  _notify(): void {
    this.res.resetStats();
  }
}
