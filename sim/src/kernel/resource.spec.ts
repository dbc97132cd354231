import { describe, expect, it } from 'vitest';
import { Environment } from './environment';
import type { ProcessGenerator } from './process';
import { Resource } from './resource';
import { hourlyCapacity } from './schedule';

const H = 3600;

/** A customer that arrives at `at`, asks for `res` with `priority`, holds it `service` s. */
function customer(env: Environment, res: Resource, name: string, at: number, service: number, log: string[], priority = 0) {
  env.process(function* (): ProcessGenerator<void> {
    yield env.timeout(at);
    const req = res.request(priority);
    yield req;
    log.push(`${name} start ${env.now}`);
    yield env.timeout(service);
    res.release(req);
    log.push(`${name} end ${env.now}`);
  });
}

describe('resources', () => {
  it('serve up to `capacity` customers at once, the others wait in FIFO order', () => {
    const env = new Environment();
    const booths = new Resource(env, { capacity: 2 });
    const log: string[] = [];
    customer(env, booths, 'a', 0, 10, log);
    customer(env, booths, 'b', 1, 10, log);
    customer(env, booths, 'c', 2, 10, log);
    customer(env, booths, 'd', 3, 10, log);
    env.run();
    expect(log.filter((l) => l.includes('start'))).toEqual(['a start 0', 'b start 1', 'c start 10', 'd start 11']);
    const s = booths.stats();
    expect(s.granted).toBe(4);
    expect(s.meanWait).toBeCloseTo((0 + 0 + 8 + 8) / 4, 12);
    expect(s.maxWait).toBe(8);
    expect(s.maxQueueLength).toBe(2);
  });

  it('serve lower priority numbers first, FIFO within a priority', () => {
    const env = new Environment();
    const lane = new Resource(env, { capacity: 1 });
    const log: string[] = [];
    customer(env, lane, 'first', 0, 10, log, 5);
    customer(env, lane, 'low1', 1, 1, log, 5);
    customer(env, lane, 'high1', 2, 1, log, 1);
    customer(env, lane, 'low2', 3, 1, log, 5);
    customer(env, lane, 'high2', 4, 1, log, 1);
    customer(env, lane, 'urgent', 5, 1, log, -3);
    env.run();
    expect(log.filter((l) => l.includes('start')).map((l) => l.split(' ')[0])).toEqual(['first', 'urgent', 'high1', 'high2', 'low1', 'low2']);
  });

  it('release of a queued request withdraws it; double release is an error', () => {
    const env = new Environment();
    const res = new Resource(env, { capacity: 1 });
    const held = res.request();
    const queued = res.request();
    expect(res.queueLength).toBe(1);
    res.release(queued);
    expect(res.queueLength).toBe(0);
    res.release(held);
    expect(res.busy).toBe(0);
    expect(() => res.release(held)).toThrow(/twice/);
    const other = new Resource(env);
    expect(() => other.release(res.request())).toThrow(/another resource/);
  });

  it('keep time-weighted queue length, busy servers and utilisation', () => {
    const env = new Environment();
    const res = new Resource(env, { capacity: 2 });
    const log: string[] = [];
    // 0-10: a busy; 5-15: b busy; 6: c waits until 10, serves 10-20.
    customer(env, res, 'a', 0, 10, log);
    customer(env, res, 'b', 5, 10, log);
    customer(env, res, 'c', 6, 10, log);
    customer(env, res, 'd', 7, 10, log);
    env.run({ until: 40 });
    const s = res.stats();
    // busy: 0-5:1, 5-25:2 (a,b then b,c then c,d), 25-35? d starts at 15 ends 25.
    // a 0-10, b 5-15, c 10-20, d 15-25 -> busy 1 (0-5), 2 (5-20), 1 (20-25), 0 after.
    expect(s.meanBusy).toBeCloseTo((5 * 1 + 15 * 2 + 5 * 1) / 40, 12);
    // queue: c waits 6-10, d waits 7-15 -> area 4 + 8 = 12.
    expect(s.meanQueueLength).toBeCloseTo(12 / 40, 12);
    expect(s.utilization).toBeCloseTo(40 / 80, 12);
  });

  it('warm-up deletion discards observations before the warm-up time', () => {
    const env = new Environment();
    const res = new Resource(env, { capacity: 1, warmup: 100 });
    const log: string[] = [];
    customer(env, res, 'early1', 0, 60, log);
    customer(env, res, 'early2', 10, 60, log); // waits 50, granted at 60 < 100: discarded
    customer(env, res, 'late', 110, 10, log); // waits 10 (early2 busy until 120)
    env.run({ until: 200 });
    const s = res.stats();
    expect(s.since).toBe(100);
    expect(s.granted).toBe(1);
    expect(s.meanWait).toBe(10);
    expect(s.meanBusy).toBeCloseTo(30 / 100, 12);
  });

  it('capacity schedules open and close booths by hour, every day', () => {
    const env = new Environment();
    // Open 08:00-10:00 with 2 booths, 10:00-12:00 with 1, closed otherwise.
    const caps = Array(24).fill(0);
    caps[8] = 2;
    caps[9] = 2;
    caps[10] = 1;
    caps[11] = 1;
    const booths = new Resource(env, { schedule: hourlyCapacity(caps) });
    const seen: [number, number][] = [];
    env.process(function* () {
      for (let t = 0; t < 2 * 24 * H; t += H) {
        seen.push([t / H, booths.capacity]);
        yield env.timeout(H);
      }
    });
    const log: string[] = [];
    customer(env, booths, 'night', 3 * H, 600, log); // waits for 08:00
    customer(env, booths, 'late', 12 * H + 60, 600, log); // waits for 08:00 next day
    env.run({ until: 2 * 24 * H });
    const capByHour = seen.filter(([h]) => h < 24).map(([, c]) => c);
    expect(capByHour).toEqual(caps);
    expect(seen.filter(([h]) => h >= 24).map(([, c]) => c)).toEqual(caps);
    expect(log).toContain(`night start ${8 * H}`);
    expect(log).toContain(`late start ${(24 + 8) * H}`);
  });

  it('lowering capacity never preempts a customer in service, it only stops new starts', () => {
    const env = new Environment();
    const booths = new Resource(env, {
      schedule: {
        steps: [
          { fromSecond: 0, capacity: 3 },
          { fromSecond: 100, capacity: 1 },
        ],
      },
    });
    const log: string[] = [];
    for (const [name, at] of [
      ['a', 0],
      ['b', 0],
      ['c', 0],
      ['d', 50],
      ['e', 50],
    ] as const) {
      customer(env, booths, name, at, 300, log);
    }
    env.run({ until: 2000 });
    // a, b, c start at 0 and all finish at 300 although capacity drops to 1 at 100.
    expect(log.filter((l) => l.startsWith('a') || l.startsWith('b') || l.startsWith('c'))).toEqual(
      expect.arrayContaining(['a start 0', 'b start 0', 'c start 0', 'a end 300', 'b end 300', 'c end 300']),
    );
    // d and e wait: at 300 three servers free up but only capacity 1 -> d at 300, e at 600.
    expect(log).toContain('d start 300');
    expect(log).toContain('e start 600');
    expect(booths.capacity).toBe(1);
  });

  it('capacity before the first step of a non-repeating schedule is zero', () => {
    const env = new Environment();
    const res = new Resource(env, { schedule: { steps: [{ fromSecond: 500, capacity: 1 }] } });
    const log: string[] = [];
    customer(env, res, 'x', 0, 10, log);
    env.run();
    expect(log).toEqual(['x start 500', 'x end 510']);
  });

  it('raising capacity by hand starts waiting customers at once', () => {
    const env = new Environment();
    const res = new Resource(env, { capacity: 0 });
    const log: string[] = [];
    customer(env, res, 'x', 0, 10, log);
    customer(env, res, 'y', 0, 10, log);
    env.process(function* () {
      yield env.timeout(42);
      res.setCapacity(2);
    });
    env.run();
    expect(log.slice(0, 2)).toEqual(['x start 42', 'y start 42']);
  });

  it('validate options', () => {
    const env = new Environment();
    expect(() => new Resource(env, { capacity: -1 })).toThrow(/capacity/);
    expect(() => new Resource(env, { capacity: 1.5 })).toThrow(/capacity/);
    expect(() => hourlyCapacity([1, 2, 3])).toThrow(/24/);
    expect(() => new Resource(env, { schedule: { steps: [] } })).toThrow(/at least one step/);
    expect(
      () =>
        new Resource(env, {
          schedule: {
            steps: [
              { fromSecond: 10, capacity: 1 },
              { fromSecond: 5, capacity: 2 },
            ],
          },
        }),
    ).toThrow(/increasing/);
    expect(() => new Resource(env, { schedule: { steps: [{ fromSecond: 90_000, capacity: 1 }], cycleSeconds: 86_400 } })).toThrow(/cycleSeconds/);
    expect(() => new Resource(env).request(NaN)).toThrow(/priority/);
  });
});
