import { describe, expect, it } from 'vitest';
import { Rng } from '../shared/rng';
import { combineRates, estimateStrength, MAX_STRENGTH, smoothedRate } from './smoothing';

/** Groups whose true rates spread around m with the variance of a Beta prior of strength s. */
function groups(rng: Rng, count: number, size: number, m: number, s: number): { n: number[]; k: number[]; m: number[] } {
  const d = Math.sqrt((m * (1 - m)) / (s + 1));
  const n: number[] = [];
  const k: number[] = [];
  for (let g = 0; g < count; g++) {
    const p = g % 2 === 0 ? m - d : m + d;
    let hits = 0;
    for (let i = 0; i < size; i++) if (rng.next() < p) hits++;
    n.push(size);
    k.push(hits);
  }
  return { n, k, m: n.map(() => m) };
}

describe('hierarchical smoothing', () => {
  it('is the posterior mean of a Beta prior centred on the parent rate', () => {
    expect(smoothedRate(9, 11, 0.1, 20)).toBeCloseTo(11 / 31, 12);
    expect(smoothedRate(0, 0, 0.1, 20)).toBe(0.1);
  });

  it('lets a rare child borrow from its parent and a well-observed one speak for itself', () => {
    const global = 0.04;
    const heading = smoothedRate(30, 100, global, 20); // HS 0804: 30 errors in 100 inspections
    const rare = smoothedRate(0, 1, heading, 20); // HS 080450: one clean inspection
    const known = smoothedRate(2, 400, heading, 20); // HS 080430: 2 errors in 400
    expect(heading).toBeCloseTo(30.8 / 120, 10);
    expect(rare).toBeGreaterThan(0.2); // still close to its heading, far above the global 4%
    expect(rare).toBeCloseTo((0 + 20 * heading) / 21, 12);
    expect(known).toBeLessThan(0.02); // its own history dominates
  });

  it('estimates the prior strength from the spread of group rates (method of moments)', () => {
    const rng = new Rng(7);
    const { n, k, m } = groups(rng, 400, 200, 0.2, 49);
    const s = estimateStrength(n, k, m);
    expect(s).toBeGreaterThan(25);
    expect(s).toBeLessThan(100);
  });

  it('shrinks fully when groups differ no more than chance', () => {
    const rng = new Rng(3);
    const { n, k, m } = groups(rng, 300, 100, 0.1, 1e9);
    expect(estimateStrength(n, k, m)).toBeGreaterThan(1000);
    expect(estimateStrength([1, 1], [1, 0], [0.5, 0.5])).toBe(MAX_STRENGTH);
  });

  it('combines two independent rates in odds relative to the base rate', () => {
    expect(combineRates(0.1, 0.1, 0.1)).toBeCloseTo(0.1, 10);
    const both = combineRates(0.2, 0.2, 0.1);
    const odds = (p: number): number => p / (1 - p);
    expect(odds(both)).toBeCloseTo((odds(0.2) * odds(0.2)) / odds(0.1), 8);
  });
});
