// Stores: FIFO buffers of items between processes (e.g. trucks in a yard, documents in a tray).
import type { Environment } from './environment';
import { Event, NORMAL, PENDING, TRIGGERED } from './event';
import { Fifo } from './fifo';
import { checkCapacity } from './schedule';

const WAITING = 0;
const DONE = 1;

/** A pending or completed `put`: succeeds once the item is in the store. */
export class StorePut<T = unknown> extends Event<void> {
  /** @internal */ _phase = WAITING;
  /** The item being put. */
  readonly item: T;
  /** Use {@link Store.put}. */
  constructor(env: Environment, item: T) {
    super(env);
    this.item = item;
  }
}

/** A pending or completed `get`: succeeds with the item taken from the store. */
export class StoreGet<T = unknown> extends Event<T> {
  /** @internal */ _phase = WAITING;
  /** Simulation time (s) of the request. */
  readonly requestedAt: number;
  /** Use {@link Store.get}. */
  constructor(env: Environment) {
    super(env);
    this.requestedAt = env._cal.now;
  }
}

/** Options of {@link Store}. */
export interface StoreOptions {
  /** Maximum number of items (integer >= 0 or Infinity, the default). Puts wait while full. */
  capacity?: number;
  /** Name, for reports and errors. */
  name?: string;
}

/** Snapshot of a store's statistics since creation or the last reset. */
export interface StoreStats {
  since: number;
  duration: number;
  /** Time-weighted mean number of items held. */
  meanLevel: number;
  maxLevel: number;
  /** Completed gets, and their mean wait (s) between get() and receiving an item. */
  gets: number;
  meanGetWait: number;
}

/**
 * A FIFO buffer of items with optional capacity. `put(item)` succeeds once the
 * item is stored (immediately unless full); `get()` succeeds with the oldest item
 * (immediately unless empty). Waiting puts and gets are served in FIFO order.
 */
export class Store<T = unknown> {
  readonly env: Environment;
  readonly name: string;
  /** Maximum number of items. */
  readonly capacity: number;
  private readonly items = new Fifo<T>();
  private readonly getters = new Fifo<StoreGet<T>>();
  private readonly putters = new Fifo<StorePut<T>>();
  private nGetters = 0;
  private nPutters = 0;
  private t0: number;
  private tLast: number;
  private area = 0;
  private maxLevel = 0;
  private gN = 0;
  private gWaitSum = 0;

  constructor(env: Environment, options: StoreOptions = {}) {
    this.env = env;
    this.name = options.name ?? 'store';
    const c = options.capacity ?? Infinity;
    checkCapacity(c, `${this.name}: capacity`);
    this.capacity = c;
    this.t0 = this.tLast = env._cal.now;
  }

  /** Number of items held. */
  get size(): number {
    return this.items.size;
  }

  /** Items held, oldest first (copy). */
  get contents(): T[] {
    return this.items.toArray();
  }

  /** Gets waiting for an item. */
  get waitingGets(): number {
    return this.nGetters;
  }

  /** Puts waiting for room. */
  get waitingPuts(): number {
    return this.nPutters;
  }

  /** Adds `item`; the returned event succeeds when it is stored. */
  put(item: T): StorePut<T> {
    const ev = new StorePut<T>(this.env, item);
    this.putters.push(ev);
    this.nPutters++;
    this.settle();
    return ev;
  }

  /** Takes the oldest item; the returned event succeeds with it. */
  get(): StoreGet<T> {
    const ev = new StoreGet<T>(this.env);
    this.getters.push(ev);
    this.nGetters++;
    this.settle();
    return ev;
  }

  /** Withdraws a put or get that is still waiting (e.g. after an interrupt). Returns whether it was waiting. */
  cancel(ev: StorePut<T> | StoreGet<T>): boolean {
    if (ev._phase !== WAITING || ev._state !== PENDING) return false;
    ev._phase = DONE;
    if (ev instanceof StorePut) this.nPutters--;
    else this.nGetters--;
    return true;
  }

  /** Statistics since creation or the last {@link resetStats}. */
  stats(): StoreStats {
    this.touch();
    const duration = this.tLast - this.t0;
    return {
      since: this.t0,
      duration,
      meanLevel: duration > 0 ? this.area / duration : this.items.size,
      maxLevel: this.maxLevel,
      gets: this.gN,
      meanGetWait: this.gN > 0 ? this.gWaitSum / this.gN : NaN,
    };
  }

  /** Discards observations so far (warm-up deletion). */
  resetStats(): void {
    this.t0 = this.tLast = this.env._cal.now;
    this.area = 0;
    this.maxLevel = this.items.size;
    this.gN = 0;
    this.gWaitSum = 0;
  }

  private touch(): void {
    const now = this.env._cal.now;
    const dt = now - this.tLast;
    if (dt > 0) {
      this.area += this.items.size * dt;
      this.tLast = now;
    }
  }

  /** Moves items from waiting puts into the store and from the store to waiting gets, until neither can proceed. */
  private settle(): void {
    this.touch();
    const cal = this.env._cal;
    for (;;) {
      let progressed = false;
      while (this.nPutters > 0 && this.items.size < this.capacity) {
        const p = this.putters.shift() as StorePut<T>;
        if (p._phase !== WAITING) continue;
        p._phase = DONE;
        this.nPutters--;
        this.items.push(p.item);
        if (this.items.size > this.maxLevel) this.maxLevel = this.items.size;
        p._state = TRIGGERED;
        cal.schedule(p, NORMAL, 0);
        progressed = true;
      }
      while (this.nGetters > 0 && this.items.size > 0) {
        const g = this.getters.shift() as StoreGet<T>;
        if (g._phase !== WAITING) continue;
        g._phase = DONE;
        this.nGetters--;
        g._value = this.items.shift();
        this.gN++;
        this.gWaitSum += cal.now - g.requestedAt;
        g._state = TRIGGERED;
        cal.schedule(g, NORMAL, 0);
        progressed = true;
      }
      if (!progressed) return;
    }
  }
}
