import { describe, expect, it } from 'vitest';
import { batchMeans, confidenceInterval, correlation, discardWarmup, RunningStats, TimeWeightedStats } from './summary';

describe('running statistics (Welford)', () => {
  it('match the two-pass mean and sample variance', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    const s = new RunningStats();
    xs.forEach((x) => s.add(x));
    expect(s.count).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.variance).toBeCloseTo(32 / 7, 14);
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
    expect(s.sum).toBe(40);
  });

  it('stay accurate with a large offset (no catastrophic cancellation)', () => {
    const s = new RunningStats();
    for (const x of [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) s.add(x);
    expect(s.variance).toBeCloseTo(30, 8);
  });

  it('merge like one stream', () => {
    const a = new RunningStats();
    const b = new RunningStats();
    const all = new RunningStats();
    for (let i = 0; i < 100; i++) {
      const x = Math.sin(i) * 10 + i / 7;
      (i < 37 ? a : b).add(x);
      all.add(x);
    }
    a.merge(b);
    expect(a.count).toBe(all.count);
    expect(a.mean).toBeCloseTo(all.mean, 12);
    expect(a.variance).toBeCloseTo(all.variance, 10);
  });

  it('are NaN when empty and reset cleanly', () => {
    const s = new RunningStats();
    expect(s.mean).toBeNaN();
    s.add(3);
    expect(s.variance).toBeNaN();
    s.reset();
    expect(s.count).toBe(0);
  });
});

describe('time-weighted statistics', () => {
  it('weight each value by how long it lasted', () => {
    const q = new TimeWeightedStats(0, 0);
    q.update(10, 2); // 0 for 10 s
    q.update(20, 4); // 2 for 10 s
    q.update(25, 0); // 4 for 5 s
    expect(q.mean(30)).toBeCloseTo((0 * 10 + 2 * 10 + 4 * 5 + 0 * 5) / 30, 14);
    expect(q.integral(30)).toBe(40);
    expect(q.max).toBe(4);
  });

  it('discard the warm-up on reset', () => {
    const q = new TimeWeightedStats(0, 5);
    q.update(100, 1);
    q.reset(100);
    q.update(150, 3);
    expect(q.mean(200)).toBeCloseTo((1 * 50 + 3 * 50) / 100, 14);
    expect(() => q.update(10, 1)).toThrow(/backwards/);
  });
});

describe('confidence intervals', () => {
  it('use the Student t quantile: 10 replications', () => {
    const xs = [10, 12, 9, 11, 10, 13, 8, 10, 11, 12];
    const ci = confidenceInterval(xs, 0.95);
    const s = new RunningStats();
    xs.forEach((x) => s.add(x));
    expect(ci.n).toBe(10);
    expect(ci.mean).toBeCloseTo(10.6, 14);
    expect(ci.halfWidth).toBeCloseTo((2.262157 * s.sd) / Math.sqrt(10), 5);
    expect(ci.lower).toBeCloseTo(ci.mean - ci.halfWidth, 14);
    expect(confidenceInterval([5]).halfWidth).toBeNaN();
    expect(() => confidenceInterval(xs, 1.5)).toThrow(/level/);
  });

  it('batch means split one run into consecutive batches', () => {
    const xs = Array.from({ length: 103 }, (_, i) => i);
    const bm = batchMeans(xs, 10);
    expect(bm.batchSize).toBe(10);
    expect(bm.n).toBe(10);
    expect(bm.mean).toBeCloseTo(49.5, 12);
    expect(() => batchMeans([1, 2], 5)).toThrow(/too few/);
  });

  it('warm-up deletion keeps observations from the warm-up time on', () => {
    expect(discardWarmup([0, 50, 100, 150], [1, 2, 3, 4], 100)).toEqual([3, 4]);
  });

  it('correlation', () => {
    expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 14);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 14);
  });
});
