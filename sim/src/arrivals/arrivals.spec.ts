import { describe, expect, it } from 'vitest';
import { Environment } from '../kernel/environment';
import { randomStream } from '../random/stream';
import { arrivalSource, deterministicArrivals, hourlyPoissonArrivals, poissonArrivals } from './arrivals';

const H = 3600;

function collect(pattern: Parameters<typeof arrivalSource>[1], until: number, seed = 1): number[] {
  const env = new Environment();
  const times: number[] = [];
  arrivalSource(env, pattern, randomStream(seed, 'arrivals'), () => times.push(env.now), { until });
  env.run();
  return times;
}

describe('arrivals', () => {
  it('constant-rate Poisson: count and interarrival mean match the rate', () => {
    const times = collect(poissonArrivals(216), 1000 * H);
    const expected = 216 * 1000;
    expect(Math.abs(times.length - expected)).toBeLessThan(4 * Math.sqrt(expected));
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeCloseTo(H / 216, 0);
    // Exponential: coefficient of variation 1.
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (gaps.length - 1));
    expect(sd / mean).toBeCloseTo(1, 1);
  });

  it('deterministic arrivals come at exact intervals, first after the offset', () => {
    expect(collect(deterministicArrivals(60), 300)).toEqual([60, 120, 180, 240]);
    expect(collect(deterministicArrivals(60, 0), 200)).toEqual([0, 60, 120, 180]);
  });

  it('hourly profile by thinning: arrivals per hour of day follow the profile', () => {
    const profile = [0, 0, 0, 0, 0, 10, 40, 120, 200, 160, 80, 60, 60, 80, 100, 150, 220, 180, 90, 40, 20, 10, 0, 0];
    const days = 200;
    const times = collect(hourlyPoissonArrivals(profile), days * 24 * H, 7);
    const perHour = Array(24).fill(0);
    for (const t of times) perHour[Math.floor((t % (24 * H)) / H)]++;
    profile.forEach((rate, h) => {
      const expected = rate * days;
      if (rate === 0) expect(perHour[h]).toBe(0);
      else expect(Math.abs(perHour[h] - expected)).toBeLessThan(4.5 * Math.sqrt(expected));
    });
    const p = hourlyPoissonArrivals(profile);
    expect(p.rateAt(8.5 * H)).toBe(200);
    expect(p.rateAt(24 * H + 8.5 * H)).toBe(200);
    expect(p.meanRatePerHour).toBeCloseTo(profile.reduce((a, b) => a + b, 0) / 24, 12);
  });

  it('a source stops after `limit` arrivals and returns the count', () => {
    const env = new Environment();
    let n = 0;
    const src = arrivalSource(env, poissonArrivals(60), randomStream(1), () => n++, { limit: 25 });
    env.run();
    expect(n).toBe(25);
    expect(src.value).toBe(25);
  });

  it('validate parameters', () => {
    expect(() => poissonArrivals(-1)).toThrow(/rate/);
    expect(() => deterministicArrivals(0)).toThrow(/interval/);
    expect(() => hourlyPoissonArrivals([1, 2])).toThrow(/24 rates/);
    expect(() => hourlyPoissonArrivals(Array(24).fill(Number.NaN))).toThrow(/hour 0/);
    expect(collect(poissonArrivals(0), 1000)).toEqual([]);
    expect(collect(hourlyPoissonArrivals(Array(24).fill(0)), 1000)).toEqual([]);
  });
});
