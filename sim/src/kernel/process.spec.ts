import { describe, expect, it } from 'vitest';
import { Environment } from './environment';
import type { Event } from './event';
import { Interrupt, type ProcessGenerator } from './process';

describe('processes', () => {
  it('advance the clock by the timeouts they yield and receive timeout values', () => {
    const env = new Environment();
    const log: [number, unknown][] = [];
    env.process(function* () {
      const v = yield env.timeout(5, 'five');
      log.push([env.now, v]);
      yield env.timeout(2.5);
      log.push([env.now, 'done']);
    });
    env.run();
    expect(log).toEqual([
      [5, 'five'],
      [7.5, 'done'],
    ]);
  });

  it('accept a generator object as well as a generator function', () => {
    const env = new Environment();
    function* body(n: number): ProcessGenerator<number> {
      yield env.timeout(n);
      return n * 2;
    }
    const p = env.process(body(3));
    env.run();
    expect(p.value).toBe(6);
    expect(p.isAlive).toBe(false);
  });

  it('can wait for another process and receive its return value', () => {
    const env = new Environment();
    const child = env.process(function* (): ProcessGenerator<string> {
      yield env.timeout(10);
      return 'inspected';
    });
    let got: unknown;
    let at = -1;
    env.process(function* () {
      got = yield child;
      at = env.now;
    });
    env.run();
    expect(got).toBe('inspected');
    expect(at).toBe(10);
  });

  it('several waiters of one event resume in the order they started waiting', () => {
    const env = new Environment();
    const gate = env.event<string>();
    const order: string[] = [];
    for (const name of ['w1', 'w2', 'w3']) {
      env.process(function* () {
        const v = yield gate;
        order.push(`${name}:${v}`);
      });
    }
    gate.addCallback((ev) => order.push(`callback:${ev.value}`));
    env.process(function* () {
      yield env.timeout(1);
      gate.succeed('open');
    });
    env.run();
    // The callback was registered before the processes started (they start at t=0, after this code).
    expect(order).toEqual(['callback:open', 'w1:open', 'w2:open', 'w3:open']);
  });

  it('continue immediately when yielding an event that was already processed', () => {
    const env = new Environment();
    const t = env.timeout(1, 'x');
    const seen: [number, unknown][] = [];
    env.process(function* () {
      yield env.timeout(5);
      seen.push([env.now, yield t]);
    });
    env.run();
    expect(seen).toEqual([[5, 'x']]);
  });

  it('a throwing process stops the run with its error when nobody waits for it', () => {
    const env = new Environment();
    let after = false;
    env.process(function* () {
      yield env.timeout(3);
      throw new Error('booth on fire');
    });
    env.process(function* () {
      yield env.timeout(10);
      after = true;
    });
    expect(() => env.run()).toThrow('booth on fire');
    expect(env.now).toBe(3);
    expect(after).toBe(false);
  });

  it('a failure handled by a waiting process does not stop the run', () => {
    const env = new Environment();
    const failing = env.process(function* () {
      yield env.timeout(3);
      throw new Error('document rejected');
    });
    const log: string[] = [];
    env.process(function* () {
      try {
        yield failing;
        log.push('not reached');
      } catch (e) {
        log.push(`caught ${(e as Error).message} at ${env.now}`);
      }
      yield env.timeout(1);
      log.push(`still running at ${env.now}`);
    });
    env.run();
    expect(log).toEqual(['caught document rejected at 3', 'still running at 4']);
    expect(failing.ok).toBe(false);
  });

  it('a failure re-thrown by the waiter propagates to the run', () => {
    const env = new Environment();
    const failing = env.process(function* () {
      yield env.timeout(1);
      throw new RangeError('inner');
    });
    env.process(function* () {
      yield failing; // not caught: this process fails too, nobody waits for it
    });
    expect(() => env.run()).toThrow(RangeError);
  });

  it('failing a hand-made event throws into its waiter', () => {
    const env = new Environment();
    const ev = env.event<number>();
    let caught: unknown;
    env.process(function* () {
      try {
        yield ev;
      } catch (e) {
        caught = e;
      }
    });
    env.process(function* () {
      yield env.timeout(2);
      ev.fail(new Error('no'));
    });
    env.run();
    expect((caught as Error).message).toBe('no');
  });

  it('yielding something that is not an event fails the process with a TypeError', () => {
    const env = new Environment();
    env.process(function* (): ProcessGenerator<void> {
      yield 42 as unknown as Event<unknown>;
    });
    expect(() => env.run()).toThrow(TypeError);
  });

  it('can be interrupted while waiting, and go on afterwards', () => {
    const env = new Environment();
    const log: string[] = [];
    const worker = env.process(function* () {
      try {
        yield env.timeout(100);
        log.push('finished service');
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        log.push(`interrupted at ${env.now} by ${String(e.cause)}`);
      }
      yield env.timeout(5);
      log.push(`resumed until ${env.now}`);
    });
    env.process(function* () {
      yield env.timeout(30);
      worker.interrupt('shift change');
    });
    env.run();
    expect(log).toEqual(['interrupted at 30 by shift change', 'resumed until 35']);
  });

  it('an unhandled interrupt fails the process', () => {
    const env = new Environment();
    const p = env.process(function* () {
      yield env.timeout(10);
    });
    env.process(function* () {
      yield env.timeout(1);
      p.interrupt();
    });
    expect(() => env.run()).toThrow(Interrupt);
  });

  it('refuses to interrupt itself or a finished process, and cannot be triggered by hand', () => {
    const env = new Environment();
    const p = env.process(function* () {
      yield env.timeout(1);
    });
    const self = env.process(function* (): ProcessGenerator<void> {
      yield env.timeout(2);
      self.interrupt();
    });
    expect(() => p.succeed()).toThrow(/cannot be triggered/);
    expect(() => env.run()).toThrow(/itself/);
    expect(() => p.interrupt()).toThrow(/terminated/);
  });

  it('allOf waits for all events and gives their values in order', () => {
    const env = new Environment();
    let got: unknown;
    env.process(function* () {
      got = yield env.allOf([env.timeout(3, 'a'), env.timeout(1, 'b'), env.timeout(2, 'c')]);
    });
    env.run();
    expect(got).toEqual(['a', 'b', 'c']);
    expect(env.now).toBe(3);
  });

  it('anyOf resumes at the first event and gives that event', () => {
    const env = new Environment();
    const slow = env.timeout(10, 'slow');
    const fast = env.timeout(4, 'fast');
    let first: Event<unknown> | undefined;
    let at = -1;
    env.process(function* () {
      first = yield env.anyOf([slow, fast]);
      at = env.now;
    });
    env.run();
    expect(first).toBe(fast);
    expect(first?.value).toBe('fast');
    expect(at).toBe(4);
  });

  it('allOf of nothing succeeds at once; a failing member fails the condition', () => {
    const env = new Environment();
    let empty: unknown;
    let caught: unknown;
    env.process(function* () {
      empty = yield env.allOf([]);
      const bad = env.event();
      env.process(function* () {
        yield env.timeout(1);
        bad.fail(new Error('x'));
      });
      try {
        yield env.allOf([env.timeout(5), bad]);
      } catch (e) {
        caught = e;
      }
    });
    env.run();
    expect(empty).toEqual([]);
    expect((caught as Error).message).toBe('x');
  });
});

describe('environment.run', () => {
  it('stops at `until` (events at exactly that time are left for later) and can continue', () => {
    const env = new Environment();
    const ticks: number[] = [];
    env.process(function* () {
      for (;;) {
        yield env.timeout(10);
        ticks.push(env.now);
      }
    });
    env.run({ until: 30 });
    expect(env.now).toBe(30);
    expect(ticks).toEqual([10, 20]);
    env.run(45);
    expect(env.now).toBe(45);
    expect(ticks).toEqual([10, 20, 30, 40]);
  });

  it('ends exactly at the until time (no rounding drift)', () => {
    const env = new Environment();
    env.timeout(0.1);
    env.run(0.1);
    env.run(0.3);
    expect(env.now).toBe(0.3);
  });

  it('runs until an event and returns its value', () => {
    const env = new Environment();
    const p = env.process(function* (): ProcessGenerator<string> {
      yield env.timeout(7);
      return 'cleared';
    });
    env.process(function* () {
      for (;;) yield env.timeout(1);
    });
    expect(env.run({ until: p })).toBe('cleared');
    expect(env.now).toBe(7);
  });

  it('complains when the until event can never happen', () => {
    const env = new Environment();
    env.timeout(3);
    expect(() => env.run({ until: env.event() })).toThrow(/until event was not triggered/);
  });

  it('rejects an until time in the past', () => {
    const env = new Environment();
    env.run(10);
    expect(() => env.run(5)).toThrow(RangeError);
  });

  it('can go on after an unhandled failure, without a stale stop marker', () => {
    const env = new Environment();
    env.process(function* () {
      yield env.timeout(1);
      throw new Error('boom');
    });
    env.timeout(3);
    expect(() => env.run({ until: 100 })).toThrow('boom');
    env.run();
    expect(env.now).toBe(3);
  });
});
