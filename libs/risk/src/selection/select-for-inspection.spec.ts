import { describe, expect, it } from 'vitest';
import { Rng } from '../shared/rng';
import { randomDraw, selectForInspection, thresholdForRate, type ScoredItem } from './select-for-inspection';

function items(n: number, seed: number): ScoredItem[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => ({ id: `ITEM-${i}`, score: rng.next() }));
}

describe('selection for inspection', () => {
  it('sends about 2% of items to red at a 2% target, the riskiest ones', () => {
    const batch = items(10_000, 1);
    const result = selectForInspection(batch, { redRate: 0.02 });
    expect(result.counts.red).toBe(200);
    const red = result.decisions.filter((d) => d.channel === 'red');
    expect(red.every((d) => d.basis === 'risk' && (d.score as number) >= (result.redThreshold as number))).toBe(true);
    const greenMax = Math.max(...result.decisions.filter((d) => d.channel === 'green').map((d) => d.score as number));
    expect(greenMax).toBeLessThanOrEqual(result.redThreshold as number);
  });

  it('fills yellow after red and picks a threshold usable item by item', () => {
    const batch = items(5000, 2);
    const result = selectForInspection(batch, { redRate: 0.01, yellowRate: 0.04 });
    expect(result.counts).toMatchObject({ red: 50, yellow: 200, green: 4750 });
    const threshold = thresholdForRate(batch.map((b) => b.score as number), 0.05) as number;
    const share = batch.filter((b) => (b.score as number) >= threshold).length / batch.length;
    expect(share).toBeCloseTo(0.05, 3);
  });

  it('selects nothing by risk without history, only the random compliance sample', () => {
    const batch = Array.from({ length: 4000 }, (_, i) => ({ id: `D${i}`, score: 0.05 }));
    const result = selectForInspection(batch, { redRate: 0.02, randomRate: 0.01, seed: 9 });
    expect(result.decisions.some((d) => d.basis === 'risk')).toBe(false);
    expect(result.counts.random).toBeGreaterThan(20);
    expect(result.counts.random).toBeLessThan(65);
    expect(result.decisions.filter((d) => d.basis === 'random').every((d) => d.channel === 'red')).toBe(true);
    expect(thresholdForRate([0.05, 0.05], 0.5)).toBeNull();
    const unscored = selectForInspection([{ id: 'a', score: null }, { id: 'b', score: null }], { redRate: 0.5 });
    expect(unscored.counts.red).toBe(0);
  });

  it('draws the random sample from the seed and item id alone, never from risk picks', () => {
    const batch = items(3000, 3);
    const a = selectForInspection(batch, { redRate: 0.05, randomRate: 0.05, seed: 4 });
    const b = selectForInspection([...batch].reverse(), { redRate: 0.05, randomRate: 0.05, seed: 4 });
    const randomIds = (r: typeof a): string[] => r.decisions.filter((d) => d.basis === 'random').map((d) => d.id).sort();
    expect(randomIds(a)).toEqual(randomIds(b));
    expect(randomDraw(4, 'ITEM-1')).toBe(randomDraw(4, 'ITEM-1'));
    expect(randomDraw(4, 'ITEM-1')).not.toBe(randomDraw(5, 'ITEM-1'));
    expect(() => selectForInspection(batch, { redRate: 1.5 })).toThrow(/redRate must be between 0 and 1/);
  });
});
