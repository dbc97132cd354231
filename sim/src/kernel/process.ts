// Processes: generator functions driven by the events they yield (SimPy semantics).
import type { Environment } from './environment';
import { Event, NORMAL, PENDING, PROCESSED, STARTING, TRIGGERED, URGENT, type Waiter } from './event';

/**
 * What a process body is: a generator that yields events and returns the process's
 * value. `yield ev` evaluates to the value `ev` succeeded with (typed `any`, since
 * one generator yields events of many types; annotate at the use site).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type ProcessGenerator<T = unknown> = Generator<Event<unknown>, T, any>;

/** Thrown into a process by {@link Process.interrupt}; `cause` is what the interrupter passed. */
export class Interrupt extends Error {
  constructor(override readonly cause: unknown) {
    super(`process interrupted${cause === undefined ? '' : `: ${String(cause)}`}`);
    this.name = 'Interrupt';
  }
}

// The generator methods, called directly: `gen.next(...)` would be a megamorphic
// property load (every generator function, even every closure of one, gives its
// generators their own hidden class).
const GeneratorPrototype = Object.getPrototypeOf(function* probe() {
  yield 0;
}).prototype as Generator;
const genNext = GeneratorPrototype.next;
const genThrow = GeneratorPrototype.throw;

function invalidYield(env: Environment, y: unknown): Event<unknown> {
  const ev = new Event<unknown>(env);
  ev._ok = false;
  ev._value = new TypeError(`a process may only yield events of its environment, got ${String(y)}`);
  ev._state = PROCESSED;
  return ev;
}

/**
 * A running generator. It is itself an event: it succeeds with the generator's
 * return value, or fails with the error the generator threw, so other processes
 * can `yield` it to wait for its completion (and catch its failure).
 */
export class Process<T = unknown> extends Event<T> implements Waiter {
  /** @internal */ _gen: ProcessGenerator<T>;
  /** @internal the event the process is waiting for */
  _target: Event<unknown> | null;
  /** @internal */ _alive: boolean;

  /** Use {@link Environment.process}. */
  constructor(env: Environment, gen: ProcessGenerator<T>) {
    super(env);
    this._gen = gen;
    this._alive = true;
    this._target = null;
    // Start at the current time, before normal events (SimPy's Initialize event):
    // the process itself is its start marker in the calendar (state STARTING).
    this._state = STARTING;
    env._cal.schedule(this, URGENT, 0);
  }

  /** Not allowed: a process succeeds when its generator returns. */
  override succeed(): this {
    throw new Error('a process cannot be triggered by hand: it succeeds when its generator returns');
  }

  /** Not allowed: a process fails when its generator throws (see {@link interrupt}). */
  override fail(): this {
    throw new Error('a process cannot be triggered by hand: it fails when its generator throws');
  }

  /** @internal Called by the calendar when the start marker comes up. */
  _start(): void {
    this._state = PENDING;
    this._notify(this);
  }

  /** False once the generator has returned or thrown. */
  get isAlive(): boolean {
    return this._alive;
  }

  /** The event the process is currently waiting for, or null. */
  get target(): Event<unknown> | null {
    return this._target;
  }

  /**
   * Throws an {@link Interrupt} carrying `cause` into the process at the current time
   * (before other events at this time); it stops waiting for its current target.
   * What it was waiting for is not withdrawn: a process interrupted while queueing
   * for a resource should `release` its request (or `cancel` a store get/put).
   * A process may not interrupt itself, nor a finished one.
   */
  interrupt(cause?: unknown): void {
    if (!this._alive) throw new Error('cannot interrupt a process that has terminated');
    if (this._env.activeProcess === this) throw new Error('a process may not interrupt itself');
    const ev = new Event<unknown>(this._env);
    ev._ok = false;
    ev._value = new Interrupt(cause);
    ev._defused = true;
    ev._state = TRIGGERED;
    ev._w = new InterruptDelivery(this);
    this._env._cal.schedule(ev, URGENT, 0);
  }

  /** @internal Resumes the generator with `ev`'s outcome and runs it to its next wait. */
  _notify(ev: Event<unknown>): void {
    this._target = null;
    const env = this._env;
    const gen = this._gen;
    env._active = this;
    let cur = ev;
    for (;;) {
      let r: IteratorResult<Event<unknown>, T>;
      try {
        if (cur._ok) {
          r = genNext.call(gen, cur._value) as IteratorResult<Event<unknown>, T>;
        } else {
          cur._defused = true;
          r = genThrow.call(gen, cur._value) as IteratorResult<Event<unknown>, T>;
        }
      } catch (err) {
        this._finish(false, err);
        break;
      }
      if (r.done === true) {
        this._finish(true, r.value);
        break;
      }
      const y = r.value;
      if (!(y instanceof Event) || y._env !== env) {
        cur = invalidYield(env, y);
        continue;
      }
      if (y._state === PROCESSED) {
        cur = y;
        continue;
      }
      if (y._w === null) y._w = this;
      else y._addWaiter(this);
      this._target = y;
      break;
    }
    env._active = null;
  }

  /** @internal */
  _finish(ok: boolean, value: unknown): void {
    this._alive = false;
    this._ok = ok;
    this._value = value;
    this._state = TRIGGERED;
    this._env._cal.schedule(this, NORMAL, 0);
  }
}

/** @internal Delivers an interrupt: detaches the process from its target, then resumes it with the failure. */
class InterruptDelivery implements Waiter {
  constructor(private readonly proc: Process<unknown>) {}
  _notify(ev: Event<unknown>): void {
    const p = this.proc;
    if (!p._alive) return; // finished between interrupt() and now
    const target = p._target;
    if (target !== null) target._removeWaiter(p);
    p._notify(ev);
  }
}
