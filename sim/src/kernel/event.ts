// Events: the things processes wait for. Modelled on SimPy's core: an event is
// pending, then triggered (it has a value and sits in the calendar), then
// processed (its waiters have been resumed). Kept to one small, fixed shape so
// the calendar's hot loop stays monomorphic.
import type { Environment } from './environment';

/** Calendar priority of events that must run before normal ones at the same time (process start, interrupts, capacity changes, `run` stop). */
export const URGENT = 0;
/** Calendar priority of ordinary events (timeouts, grants, completions). */
export const NORMAL = 1;
/** Largest calendar priority accepted by {@link Environment.schedule}. */
export const MAX_PRIORITY = 127;

/** @internal Event has not been triggered yet. */
export const PENDING = 0;
/** @internal Event has a value and is in the calendar. */
export const TRIGGERED = 1;
/** @internal Event's waiters have been resumed. */
export const PROCESSED = 2;
/** @internal A process that is in the calendar to start (its own start marker; not triggered). */
export const STARTING = 3;

/** @internal Anything that can be resumed by an event: processes, conditions, callbacks. */
export interface Waiter {
  _notify(ev: Event<unknown>): void;
}

/** @internal Several waiters of one event, resumed in registration order. */
class WaiterList implements Waiter {
  readonly list: Waiter[];
  constructor(first: Waiter, second: Waiter) {
    this.list = [first, second];
  }
  _notify(ev: Event<unknown>): void {
    const list = this.list;
    for (let i = 0; i < list.length; i++) list[i]._notify(ev);
  }
}

/** @internal Adapter so plain functions can wait on events without a special case in the hot loop. */
class CallbackWaiter implements Waiter {
  constructor(private readonly fn: (ev: Event<unknown>) => void) {}
  _notify(ev: Event<unknown>): void {
    this.fn(ev);
  }
}

/**
 * Something that happens at one instant of simulated time and that processes can
 * `yield` to wait for. Triggered once, with a value ({@link succeed}) or an error
 * ({@link fail}); its waiters are resumed when the calendar reaches it.
 *
 * A failed event whose error nobody handles (no waiting process, not
 * {@link defused}) makes {@link Environment.run} throw that error.
 */
export class Event<T = unknown> {
  /** @internal */ _env: Environment;
  /** @internal */ _state: number;
  /** @internal */ _ok: boolean;
  /** @internal */ _value: unknown;
  /** @internal */ _defused: boolean;
  /** @internal The waiter (almost every event has exactly one), or a WaiterList. */
  _w: Waiter | null;

  constructor(env: Environment) {
    this._env = env;
    this._state = PENDING;
    this._ok = true;
    this._value = undefined;
    this._defused = false;
    this._w = null;
  }

  /** The environment this event belongs to. */
  get env(): Environment {
    return this._env;
  }

  /** True once the event has a value (succeeded or failed), even if not processed yet. */
  get triggered(): boolean {
    return this._state === TRIGGERED || this._state === PROCESSED;
  }

  /** True once the event's waiters have been resumed. */
  get processed(): boolean {
    return this._state === PROCESSED;
  }

  /** True if the event succeeded (or is still pending); false if it failed. */
  get ok(): boolean {
    return this._ok;
  }

  /** The value the event succeeded with, or the error it failed with. Throws while pending. */
  get value(): T {
    if (this._state !== TRIGGERED && this._state !== PROCESSED) throw new Error('Event value is not available yet: the event has not been triggered');
    return this._value as T;
  }

  /** Whether a failure of this event has been handled (so it will not stop the run). */
  get defused(): boolean {
    return this._defused;
  }
  set defused(v: boolean) {
    this._defused = v;
  }

  /** Triggers the event successfully with `value`; waiters resume at the current time. Returns the event. */
  succeed(value?: T): this {
    if (this._state !== PENDING) throw new Error('Event has already been triggered');
    this._ok = true;
    this._value = value;
    this._state = TRIGGERED;
    this._env._cal.schedule(this, NORMAL, 0);
    return this;
  }

  /** Triggers the event as failed; the error is thrown into every waiting process at the current time. Returns the event. */
  fail(error: unknown): this {
    if (this._state !== PENDING) throw new Error('Event has already been triggered');
    this._ok = false;
    this._value = error;
    this._state = TRIGGERED;
    this._env._cal.schedule(this, NORMAL, 0);
    return this;
  }

  /** Calls `fn(event)` when the event is processed (after waiters registered before it). Throws if already processed. */
  addCallback(fn: (ev: Event<T>) => void): void {
    if (this._state === PROCESSED) throw new Error('Event has already been processed');
    this._addWaiter(new CallbackWaiter(fn as (ev: Event<unknown>) => void));
  }

  /** @internal */
  _addWaiter(w: Waiter): void {
    const cur = this._w;
    if (cur === null) this._w = w;
    else if (cur instanceof WaiterList) cur.list.push(w);
    else this._w = new WaiterList(cur, w);
  }

  /** @internal */
  _removeWaiter(w: Waiter): void {
    const cur = this._w;
    if (cur === w) {
      this._w = null;
    } else if (cur instanceof WaiterList) {
      const i = cur.list.indexOf(w);
      if (i >= 0) cur.list.splice(i, 1);
    }
  }
}

/** The value type an event succeeds with. */
export type EventValue<E> = E extends Event<infer T> ? T : never;
