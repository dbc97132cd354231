// all_of / any_of: events that wait for several other events.
import type { Environment } from './environment';
import { Event, PENDING, PROCESSED, type Waiter } from './event';

/** @internal Succeeds with all values (in order) once every event succeeded; fails on the first failure. */
export class AllOf extends Event<unknown[]> implements Waiter {
  private remaining: number;
  private readonly events: readonly Event<unknown>[];

  constructor(env: Environment, events: readonly Event<unknown>[]) {
    super(env);
    this.events = events;
    this.remaining = events.length;
    for (const ev of events) if (ev._env !== env) throw new Error('allOf: event belongs to another environment');
    if (events.length === 0) {
      this.succeed([]);
      return;
    }
    for (const ev of events) {
      if (ev._state === PROCESSED) this._notify(ev);
      else ev._addWaiter(this);
    }
  }

  /** @internal */
  _notify(ev: Event<unknown>): void {
    if (this._state !== PENDING) return;
    if (!ev._ok) {
      ev._defused = true;
      this.fail(ev._value);
      return;
    }
    if (--this.remaining === 0) this.succeed(this.events.map((e) => e._value));
  }
}

/** @internal Succeeds with the first event to succeed; fails if the first one to finish fails. */
export class AnyOf extends Event<Event<unknown>> implements Waiter {
  constructor(env: Environment, events: readonly Event<unknown>[]) {
    super(env);
    if (events.length === 0) throw new Error('anyOf needs at least one event');
    for (const ev of events) if (ev._env !== env) throw new Error('anyOf: event belongs to another environment');
    for (const ev of events) {
      if (ev._state === PROCESSED) {
        this._notify(ev);
        break;
      }
    }
    if (this._state === PENDING) for (const ev of events) ev._addWaiter(this);
  }

  /** @internal */
  _notify(ev: Event<unknown>): void {
    if (this._state !== PENDING) return;
    if (!ev._ok) {
      ev._defused = true;
      this.fail(ev._value);
      return;
    }
    this.succeed(ev);
  }
}
