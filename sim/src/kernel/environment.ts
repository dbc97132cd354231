// The environment: simulation clock, calendar and the run loop.
import { Calendar, checkPriority } from './calendar';
import { AllOf, AnyOf } from './condition';
import { Event, type EventValue, NORMAL, PENDING, PROCESSED, STARTING, TRIGGERED, URGENT } from './event';
import { Process, type ProcessGenerator } from './process';

/** Options of {@link Environment}. */
export interface EnvironmentOptions {
  /** Simulation time at start, in seconds (default 0). Time 0 is midnight of day 0 for hourly schedules. */
  initialTime?: number;
}

/** Options of {@link Environment.run}. */
export interface RunOptions {
  /**
   * Stop condition: a time in seconds (events at exactly that time with normal
   * priority are not processed, and `now` ends equal to it), or an event (the run
   * stops once it has been processed and returns its value). Default: run until no
   * events are left.
   */
  until?: number | Event<unknown>;
}

/**
 * A discrete-event simulation: a clock in seconds and a calendar of events,
 * processed in (time, priority, sequence) order so equal-time events always come
 * out in the same order.
 *
 * ```ts
 * const env = new Environment();
 * const lanes = new Resource(env, { capacity: 2 });
 * env.process(function* () {
 *   const req = lanes.request();
 *   yield req;
 *   yield env.timeout(60);
 *   lanes.release(req);
 * });
 * env.run({ until: 3600 });
 * ```
 */
export class Environment {
  /** @internal */ readonly _cal: Calendar;
  /** @internal */ _active: Process<unknown> | null = null;

  constructor(options: EnvironmentOptions = {}) {
    const t0 = options.initialTime ?? 0;
    if (!Number.isFinite(t0)) throw new RangeError(`initialTime must be a finite number of seconds, got ${t0}`);
    this._cal = new Calendar(t0);
  }

  /** Current simulation time, in seconds. */
  get now(): number {
    return this._cal.now;
  }

  /** The process whose generator is running right now, or null outside processes. */
  get activeProcess(): Process<unknown> | null {
    return this._active;
  }

  /** Number of events in the calendar. */
  get scheduledCount(): number {
    return this._cal.size;
  }

  /** Time of the next scheduled event in seconds, or Infinity if there is none. */
  peek(): number {
    return this._cal.peek();
  }

  /** A new pending event, to be triggered by hand with `succeed`/`fail`. */
  event<T = unknown>(): Event<T> {
    return new Event<T>(this);
  }

  /** An event that succeeds with `value` after `delay` seconds (>= 0). */
  timeout<T = undefined>(delay: number, value?: T): Event<T> {
    if (!(delay >= 0)) throw new RangeError(`timeout delay must be a number of seconds >= 0, got ${delay}`);
    const ev = new Event<T>(this);
    ev._value = value;
    ev._state = TRIGGERED;
    this._cal.schedule(ev, NORMAL, delay);
    return ev;
  }

  /**
   * Starts a process at the current time. Accepts a generator object or a
   * generator function (called with no arguments). The returned {@link Process}
   * is an event that succeeds with the generator's return value.
   */
  process<T>(body: ProcessGenerator<T> | (() => ProcessGenerator<T>)): Process<T> {
    const gen = typeof body === 'function' ? body() : body;
    // (A non-generator object fails the process with a TypeError when it starts.)
    if (gen === null || typeof gen !== 'object') throw new TypeError('env.process expects a generator or a generator function');
    return new Process<T>(this, gen);
  }

  /** An event that succeeds, with the values of all `events` in order, once all have succeeded; fails as soon as one fails. */
  allOf<const E extends readonly Event<unknown>[]>(events: E): Event<{ -readonly [K in keyof E]: EventValue<E[K]> }> {
    return new AllOf(this, events) as unknown as Event<{ -readonly [K in keyof E]: EventValue<E[K]> }>;
  }

  /** An event that succeeds with the first of `events` to succeed (the event itself); fails if that first one fails. */
  anyOf<E extends Event<unknown>>(events: readonly E[]): Event<E> {
    return new AnyOf(this, events) as unknown as Event<E>;
  }

  /**
   * Triggers a pending event successfully (with the value already in it, normally
   * undefined) `delay` seconds from now, with calendar `priority` ({@link URGENT} 0
   * runs before {@link NORMAL} 1 at equal times; integers up to MAX_PRIORITY, 127).
   * Low-level: most code uses `timeout`, `succeed` and `fail`.
   */
  schedule(ev: Event<unknown>, priority: number = NORMAL, delay = 0): void {
    checkPriority(priority);
    if (!(delay >= 0)) throw new RangeError(`delay must be a number of seconds >= 0, got ${delay}`);
    if (ev._env !== this) throw new Error('event belongs to another environment');
    if (ev._state !== PENDING || ev instanceof Process) throw new Error('only a pending event (not a process) can be scheduled');
    ev._state = TRIGGERED;
    this._cal.schedule(ev, priority, delay);
  }

  /** Processes the next event. Throws if the calendar is empty, or the event's unhandled error. */
  step(): void {
    const ev = this._cal.pop();
    if (ev === null) throw new Error('no scheduled events left');
    this.processEvent(ev);
  }

  /**
   * Runs the simulation until `until` (see {@link RunOptions}) or until no events
   * are left. Throws the error of any failed event nobody handled (for example a
   * process that threw and that no other process was waiting for); the
   * simulation can be continued afterwards. Returns the value of the `until`
   * event if one was given, else undefined. A number is accepted as shorthand for `{ until }`.
   */
  run(options: RunOptions | number = {}): unknown {
    const until = typeof options === 'number' ? options : options.until;
    let stop: Event<unknown> | null = null;
    let marker = false;
    if (until instanceof Event) {
      if (until._env !== this) throw new Error('until event belongs to another environment');
      if (until._state === PROCESSED) return this.untilResult(until);
      stop = until;
    } else if (until !== undefined) {
      if (typeof until !== 'number' || Number.isNaN(until)) throw new RangeError(`until must be a time in seconds or an event, got ${String(until)}`);
      if (until < this._cal.now) throw new RangeError(`until (${until}) must not be before the current time (${this._cal.now})`);
      if (until === Infinity) {
        stop = null;
      } else {
        stop = new Event<unknown>(this);
        stop._state = TRIGGERED;
        marker = true;
        this._cal.scheduleAt(stop, URGENT, until);
      }
    }
    const cal = this._cal;
    let reached = false;
    try {
      for (;;) {
        const ev = cal.pop();
        if (ev === null) break;
        // Inlined processEvent: the hot loop.
        if (ev._state === STARTING) {
          (ev as Process<unknown>)._start();
          continue;
        }
        ev._state = PROCESSED;
        const w = ev._w;
        if (w !== null) {
          ev._w = null;
          // Two call sites: the one for processes stays monomorphic.
          if (w instanceof Process) w._notify(ev);
          else w._notify(ev);
        }
        if (ev === stop) {
          reached = true;
          break;
        }
        if (!ev._ok && !ev._defused) throw ev._value;
      }
    } finally {
      if (marker && !reached && stop !== null) cal.remove(stop);
    }
    if (stop !== null && !marker) {
      if (!reached && stop._state !== PROCESSED) {
        throw new Error('no scheduled events left but the until event was not triggered');
      }
      return this.untilResult(stop);
    }
    return undefined;
  }

  private untilResult(ev: Event<unknown>): unknown {
    if (!ev._ok) throw ev._value;
    return ev._value;
  }

  private processEvent(ev: Event<unknown>): void {
    if (ev._state === STARTING) {
      (ev as Process<unknown>)._start();
      return;
    }
    ev._state = PROCESSED;
    const w = ev._w;
    if (w !== null) {
      ev._w = null;
      w._notify(ev);
    }
    if (!ev._ok && !ev._defused) throw ev._value;
  }
}
