import { describe, expect, it } from 'vitest';
import { rankByScore, rocAuc, selectionMetrics } from './metrics';

describe('ranking metrics', () => {
  it('computes the ROC AUC of a small ranking by hand', () => {
    // Positives 0.9 and 0.4, negatives 0.8, 0.3, 0.2: 0.9 beats all three, 0.4 beats two -> 5 of 6 pairs.
    expect(rocAuc([0.9, 0.8, 0.4, 0.3, 0.2], [1, 0, 1, 0, 0])).toBeCloseTo(5 / 6, 12);
    expect(rocAuc([1, 2, 3], [0, 0, 1])).toBe(1);
    expect(rocAuc([1, 2, 3], [1, 0, 0])).toBe(0);
  });

  it('counts tied scores as half a win and NaN as the lowest', () => {
    expect(rocAuc([0.5, 0.5], [1, 0])).toBe(0.5);
    expect(rocAuc([0.5, 0.5, 0.1], [1, 0, 0])).toBeCloseTo(0.75, 12);
    expect(rocAuc([NaN, 0.1], [1, 0])).toBe(0);
    expect(rocAuc([1, 2], [0, 0])).toBeNaN();
  });

  it('gives precision, recall and revenue at selection rates', () => {
    const scores = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
    const labels = [1, 0, 1, 0, 0, 1, 0, 0, 0, 1];
    const revenue = [100, 0, 50, 0, 0, 10, 0, 0, 0, 40];
    const [r10, r20, r50] = selectionMetrics(scores, labels, [0.1, 0.2, 0.5], revenue);
    expect(r10).toEqual({ rate: 0.1, selected: 1, caught: 1, precision: 1, recall: 0.25, revenue: 100, revenueShare: 0.5 });
    expect(r20).toMatchObject({ selected: 2, caught: 1, precision: 0.5, recall: 0.25 });
    expect(r50).toMatchObject({ selected: 5, caught: 2, precision: 0.4, recall: 0.5, revenue: 150, revenueShare: 0.75 });
    // Without a revenue column, revenue counts the errors caught.
    expect(selectionMetrics(scores, labels, [0.5])[0]).toMatchObject({ revenue: 2, revenueShare: 0.5 });
  });

  it('ranks equal scores in input order', () => {
    expect(rankByScore([0.2, 0.5, 0.5, NaN, 0.9])).toEqual([4, 1, 2, 0, 3]);
  });
});
