import { describe, expect, it } from 'vitest';
import { Environment } from './environment';
import { Event, NORMAL, URGENT } from './event';
import type { ProcessGenerator } from './process';

describe('event calendar', () => {
  it('processes events in time order whatever the scheduling order', () => {
    const env = new Environment();
    const seen: number[] = [];
    const delays = [5, 1, 9, 3, 3, 0, 7, 2, 8, 6, 4, 0.5];
    for (const d of delays) env.timeout(d).addCallback(() => seen.push(env.now));
    env.run();
    expect(seen).toEqual([...delays].sort((a, b) => a - b));
  });

  it('releases equal-time events in (priority, sequence) order: urgent first, FIFO within a priority', () => {
    const env = new Environment();
    const order: string[] = [];
    const mk = (name: string, priority: number, delay: number) => {
      const ev = new Event(env);
      ev.addCallback(() => order.push(name));
      env.schedule(ev, priority, delay);
    };
    mk('n1', NORMAL, 10);
    mk('u1', URGENT, 10);
    mk('n2', NORMAL, 10);
    mk('p5', 5, 10);
    mk('u2', URGENT, 10);
    mk('early', NORMAL, 9);
    mk('n3', NORMAL, 10);
    env.run();
    expect(order).toEqual(['early', 'u1', 'u2', 'n1', 'n2', 'n3', 'p5']);
  });

  it('merges zero-delay events with earlier-scheduled events at the same time in sequence order', () => {
    const env = new Environment();
    const order: string[] = [];
    // Scheduled at t=0 for t=10 (heap), then at t=10 with zero delay (FIFO): heap ones come first.
    env.timeout(10).addCallback(() => {
      order.push('a');
      env.timeout(0).addCallback(() => order.push('a+0'));
      const u = new Event(env);
      u.addCallback(() => order.push('urgent+0'));
      env.schedule(u, URGENT, 0);
    });
    env.timeout(10).addCallback(() => order.push('b'));
    env.timeout(10).addCallback(() => order.push('c'));
    env.run();
    expect(order).toEqual(['a', 'urgent+0', 'b', 'c', 'a+0']);
  });

  it('starts processes before normal events at the same time, in creation order', () => {
    const env = new Environment();
    const order: string[] = [];
    env.timeout(0).addCallback(() => order.push('timeout'));
    for (const name of ['p1', 'p2', 'p3']) {
      env.process(function* (): ProcessGenerator<void> {
        order.push(name);
        yield env.timeout(0);
      });
    }
    env.run();
    expect(order).toEqual(['p1', 'p2', 'p3', 'timeout']);
  });

  it('keeps a large random workload ordered (heap stress)', () => {
    const env = new Environment();
    let x = 12345;
    const next = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 4294967296;
    };
    const fired: [number, number][] = [];
    for (let i = 0; i < 5000; i++) {
      const d = Math.floor(next() * 200); // many ties
      const id = i;
      env.timeout(d).addCallback(() => fired.push([env.now, id]));
    }
    env.run();
    const expected = [...fired].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(fired).toEqual(expected);
  });

  it('rejects invalid priorities and delays', () => {
    const env = new Environment();
    expect(() => env.schedule(new Event(env), -1, 0)).toThrow(/priority/);
    expect(() => env.schedule(new Event(env), 1.5, 0)).toThrow(/priority/);
    expect(() => env.schedule(new Event(env), NORMAL, -1)).toThrow(/delay/);
    expect(() => env.timeout(-1)).toThrow(/delay/);
    expect(() => env.timeout(NaN)).toThrow(/delay/);
  });

  it('peeks at the next event time and steps one event at a time', () => {
    const env = new Environment({ initialTime: 100 });
    expect(env.peek()).toBe(Infinity);
    env.timeout(5);
    env.timeout(2);
    expect(env.peek()).toBe(102);
    expect(env.scheduledCount).toBe(2);
    env.step();
    expect(env.now).toBe(102);
    env.step();
    expect(env.now).toBe(105);
    expect(() => env.step()).toThrow(/no scheduled events/);
  });
});
