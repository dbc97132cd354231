import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { RecentScores, selectChannel, type SelectionPolicy } from './selection-policy';

const policy = (over: Partial<SelectionPolicy> = {}): SelectionPolicy => ({ targetRate: 0.02, randomRate: 0, seed: 7, minHistory: 50, ...over });

/** Runs a stream through the selection, each score joining the history after its decision. */
function stream(scores: number[], p: SelectionPolicy, recent = new RecentScores(2000)) {
  const outcomes = scores.map((score, i) => {
    const o = selectChannel({ key: `d${i}:1`, score, ruleChannel: null, riskChannel: 'red' }, recent, p);
    recent.add(score);
    return o;
  });
  return { outcomes, selected: outcomes.filter((o) => o.selected).length, random: outcomes.filter((o) => o.random).length };
}

describe('selection at a target rate', () => {
  it('selects about the target rate of a seeded stream of scores', () => {
    const rng = new Rng(42);
    const scores = Array.from({ length: 20_000 }, () => rng.logNormal(-2, 0.8));
    for (const targetRate of [0.02, 0.05, 0.2]) {
      const { selected } = stream(scores, policy({ targetRate }));
      const rate = selected / scores.length;
      // Binomial noise at n = 20 000 is about 0.1-0.3 points; the rolling window adds a little.
      expect(rate).toBeGreaterThan(targetRate * 0.85);
      expect(rate).toBeLessThan(targetRate * 1.15);
    }
  });

  it('follows a shift in the score distribution within one window', () => {
    const rng = new Rng(3);
    const before = Array.from({ length: 4000 }, () => rng.logNormal(-3, 0.5));
    const after = Array.from({ length: 6000 }, () => rng.logNormal(-1, 0.5));
    const recent = new RecentScores(2000);
    stream(before, policy(), recent);
    const { outcomes } = stream(after, policy(), recent);
    const settled = outcomes.slice(2000).filter((o) => o.selected).length / 4000;
    expect(settled).toBeGreaterThan(0.015);
    expect(settled).toBeLessThan(0.025);
  });

  it('selects nothing without history, nor when every score is the same, except by the random sample', () => {
    const rng = new Rng(1);
    const fresh = stream(Array.from({ length: 49 }, () => rng.next()), policy());
    expect(fresh.selected).toBe(0);
    const flat = stream(Array.from({ length: 5000 }, () => 0.2262), policy());
    expect(flat.selected).toBe(0);
    expect(flat.outcomes.every((o) => o.channel === 'green' && o.threshold === null)).toBe(true);
    const sampled = stream(Array.from({ length: 5000 }, () => 0.2262), policy({ randomRate: 0.01 }));
    expect(sampled.selected).toBe(0);
    expect(sampled.random).toBeGreaterThan(25);
    expect(sampled.random).toBeLessThan(75);
  });

  it('draws the random sample at its rate, seeded, reported as random (red, not selected by risk)', () => {
    const run = (seed: number) => stream(Array.from({ length: 20_000 }, () => 0.5), policy({ randomRate: 0.05, seed }));
    const a = run(11);
    expect(a.random / 20_000).toBeGreaterThan(0.045);
    expect(a.random / 20_000).toBeLessThan(0.055);
    const drawn = a.outcomes.filter((o) => o.random);
    expect(drawn.every((o) => o.channel === 'red' && o.selected === false && o.basis === 'random' && o.draw !== null && o.draw < 0.05)).toBe(true);
    // Same seed, same declarations: same draws; another seed, other draws.
    expect(run(11).outcomes.map((o) => o.random)).toEqual(a.outcomes.map((o) => o.random));
    expect(run(12).outcomes.map((o) => o.random)).not.toEqual(a.outcomes.map((o) => o.random));
  });

  it('takes the random sample only among declarations risk left green', () => {
    const rng = new Rng(5);
    const { outcomes } = stream(Array.from({ length: 10_000 }, () => rng.next()), policy({ targetRate: 0.1, randomRate: 0.1 }));
    expect(outcomes.some((o) => o.selected && o.random)).toBe(false);
    const risk = outcomes.filter((o) => o.selected).length / 10_000;
    const random = outcomes.filter((o) => o.random).length / 10_000;
    expect(risk).toBeCloseTo(0.1, 1);
    expect(random).toBeCloseTo(0.09, 1);
  });

  it('lets a rule select without history, in the rule\'s channel', () => {
    const o = selectChannel({ key: 'x:1', score: 0.01, ruleChannel: 'yellow', riskChannel: 'red' }, new RecentScores(), policy({ randomRate: 1 }));
    expect(o).toMatchObject({ channel: 'yellow', selected: true, random: false, basis: 'rule' });
  });

  it('keeps the last scores only, and their quantile', () => {
    const recent = new RecentScores(100);
    for (let i = 0; i < 1000; i++) recent.add(i);
    expect(recent.size).toBe(100);
    expect(recent.lowest).toBe(900);
    expect(recent.threshold(0.05, 50)).toBe(995);
    expect(recent.threshold(0.05, 101)).toBeNull();
    expect(recent.threshold(0, 1)).toBeNull();
  });
});
