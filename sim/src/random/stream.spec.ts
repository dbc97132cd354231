import { describe, expect, it } from 'vitest';
import { correlation } from '../stats/summary';
import { deriveState, RandomStreams, randomStream } from './stream';

const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('random streams', () => {
  it('same seed, replication and name give bit-identical sequences', () => {
    const a = new RandomStreams(42, 3).stream('arrivals');
    const b = new RandomStreams(42, 3).stream('arrivals');
    const xa = draw(1000, () => a.random());
    const xb = draw(1000, () => b.random());
    expect(xa).toEqual(xb);
    expect(Object.is(xa[999], xb[999])).toBe(true);
  });

  it('adding or using another stream does not change an existing one', () => {
    const plain = new RandomStreams(7).stream('service');
    const expected = draw(200, () => plain.random());
    const busy = new RandomStreams(7);
    const other = busy.stream('arrivals');
    draw(50, () => other.random());
    busy.stream('routing');
    const service = busy.stream('service');
    expect(draw(200, () => service.random())).toEqual(expected);
    expect(busy.names()).toEqual(['arrivals', 'routing', 'service']);
    expect(busy.stream('service')).toBe(service);
  });

  it('different replications, names and seeds give different, uncorrelated streams', () => {
    const n = 20_000;
    const base = draw(n, ((s) => () => s.random())(randomStream(1, 'arrivals', 0)));
    const others = [randomStream(1, 'arrivals', 1), randomStream(1, 'arrivals', 2), randomStream(1, 'service', 0), randomStream(2, 'arrivals', 0)];
    for (const s of others) {
      const xs = draw(n, () => s.random());
      expect(xs).not.toEqual(base);
      // |r| < 4/sqrt(n) (~0.028) for independent streams.
      expect(Math.abs(correlation(base, xs))).toBeLessThan(4 / Math.sqrt(n));
    }
  });

  it('per-replication means are uncorrelated across replications', () => {
    // Means of 1000 exponentials per replication, two independent purposes.
    const reps = 400;
    const arrivalsMeans: number[] = [];
    const serviceMeans: number[] = [];
    for (let r = 0; r < reps; r++) {
      const st = new RandomStreams(2024, r);
      const a = st.stream('arrivals');
      const s = st.stream('service');
      let sa = 0;
      let ss = 0;
      for (let i = 0; i < 1000; i++) {
        sa += a.exponential(1);
        ss += s.exponential(1);
      }
      arrivalsMeans.push(sa / 1000);
      serviceMeans.push(ss / 1000);
    }
    expect(Math.abs(correlation(arrivalsMeans, serviceMeans))).toBeLessThan(4 / Math.sqrt(reps));
    // Lag-1 correlation between consecutive replications.
    expect(Math.abs(correlation(arrivalsMeans.slice(1), arrivalsMeans.slice(0, -1)))).toBeLessThan(4 / Math.sqrt(reps));
  });

  it('produces uniforms on [0, 1) with the right mean and variance', () => {
    const s = randomStream(99);
    let sum = 0;
    let sum2 = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = s.random();
      sum += u;
      sum2 += u * u;
      if (u < min) min = u;
      if (u > max) max = u;
    }
    const mean = sum / n;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(sum2 / n - mean * mean).toBeCloseTo(1 / 12, 3);
  });

  it('int, pick and bernoulli stay in range', () => {
    const s = randomStream(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[s.int(0, 2)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(['a', 'b']).toContain(s.pick(['a', 'b']));
    expect(() => s.pick([])).toThrow(/empty/);
    let t = 0;
    for (let i = 0; i < 10_000; i++) if (s.bernoulli(0.3)) t++;
    expect(t / 10_000).toBeCloseTo(0.3, 1);
  });

  it('derives a full 128-bit state and validates seeds', () => {
    const st = deriveState(0, 0, '');
    expect(st.some((w) => w !== 0)).toBe(true);
    expect(deriveState(1, 0, 'a')).not.toEqual(deriveState(0, 1, 'a'));
    expect(deriveState(2 ** 40, 0, 'a')).not.toEqual(deriveState(0, 0, 'a'));
    expect(() => new RandomStreams(-1)).toThrow(/seed/);
    expect(() => new RandomStreams(1.5)).toThrow(/seed/);
    expect(() => new RandomStreams(1, -2)).toThrow(/replication/);
  });
});
