import { describe, expect, it } from 'vitest';
import { RunningStats } from '../stats/summary';
import {
  type Distribution,
  deterministic,
  distribution,
  empirical,
  exponential,
  exponentialRate,
  gamma,
  gammaMeanSd,
  lognormal,
  lognormalMuSigma,
  normal,
  triangular,
  uniform,
} from './distributions';
import { randomStream } from './stream';

const N = 200_000;

function moments(d: Distribution, seed = 1): RunningStats {
  const rng = randomStream(seed, d.toString());
  const s = new RunningStats();
  for (let i = 0; i < N; i++) s.add(d.sample(rng));
  return s;
}

/** The sample mean is within 5 standard errors of `mean`, and the sd within 3 % of `sd`. */
function expectMoments(d: Distribution, mean: number, sd: number) {
  const s = moments(d);
  expect(Math.abs(s.mean - mean)).toBeLessThan(5 * (sd / Math.sqrt(N)) + 1e-12);
  if (sd > 0) expect(Math.abs(s.sd / sd - 1)).toBeLessThan(0.03);
  else expect(s.sd).toBe(0);
  expect(d.mean).toBeCloseTo(mean, 9);
}

describe('distributions', () => {
  it('exponential has the given mean (and sd = mean)', () => {
    expectMoments(exponential(60), 60, 60);
    expectMoments(exponentialRate(0.5), 2, 2);
  });

  it('deterministic is constant', () => {
    expectMoments(deterministic(42), 42, 0);
  });

  it('uniform(min, max) has mean (a+b)/2 and sd (b-a)/sqrt(12)', () => {
    expectMoments(uniform(10, 30), 20, 20 / Math.sqrt(12));
  });

  it('triangular(min, mode, max) has the textbook mean and sd', () => {
    const [a, c, b] = [10, 20, 60];
    const variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    expectMoments(triangular(a, c, b), (a + b + c) / 3, Math.sqrt(variance));
    const s = moments(triangular(a, c, b));
    expect(s.min).toBeGreaterThanOrEqual(a);
    expect(s.max).toBeLessThanOrEqual(b);
  });

  it('normal has the given mean and sd', () => {
    expectMoments(normal(100, 15), 100, 15);
  });

  it('lognormal by mean and sd of the variable itself', () => {
    expectMoments(lognormal(120, 60), 120, 60);
  });

  it('lognormal by mu and sigma of its log', () => {
    const mu = 3;
    const sigma = 0.5;
    const mean = Math.exp(mu + sigma * sigma / 2);
    const sd = mean * Math.sqrt(Math.exp(sigma * sigma) - 1);
    expectMoments(lognormalMuSigma(mu, sigma), mean, sd);
    expect(lognormal(mean, sd).mu).toBeCloseTo(mu, 12);
    expect(lognormal(mean, sd).sigma).toBeCloseTo(sigma, 12);
  });

  it('gamma (Marsaglia-Tsang) has mean k*theta and sd sqrt(k)*theta, also for shape < 1', () => {
    expectMoments(gamma(2.5, 40), 100, Math.sqrt(2.5) * 40);
    expectMoments(gamma(0.4, 10), 4, Math.sqrt(0.4) * 10);
    expectMoments(gammaMeanSd(90, 30), 90, 30);
  });

  it('empirical resamples observations, or interpolates between them', () => {
    const obs = [30, 10, 20, 40];
    const rng = randomStream(3);
    const plain = empirical(obs);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(plain.sample(rng));
    expect([...seen].sort((a, b) => a - b)).toEqual([10, 20, 30, 40]);
    expectMoments(plain, 25, Math.sqrt(125));

    const smooth = empirical(obs, { interpolate: true });
    const s = moments(smooth);
    expect(s.min).toBeGreaterThanOrEqual(10);
    expect(s.max).toBeLessThanOrEqual(40);
    // Uniform on [10, 40] in this equally spaced case.
    expect(smooth.mean).toBe(25);
    expect(Math.abs(s.mean - 25)).toBeLessThan(0.1);
    expect(Math.abs(s.sd - 30 / Math.sqrt(12))).toBeLessThan(0.1);
  });

  it('reject bad parameters with clear errors', () => {
    expect(() => exponential(0)).toThrow('exponential: mean must be > 0, got 0');
    expect(() => exponential(Number.NaN)).toThrow(/exponential: mean must be a finite number/);
    expect(() => uniform(5, 1)).toThrow(/uniform: max \(1\) must be >= min \(5\)/);
    expect(() => triangular(0, 5, 4)).toThrow(/triangular: need min <= mode <= max/);
    expect(() => normal(0, -1)).toThrow(/normal: sd must be >= 0/);
    expect(() => lognormal(-1, 1)).toThrow(/lognormal: mean must be > 0/);
    expect(() => gamma(0, 1)).toThrow(/gamma: shape must be > 0/);
    expect(() => empirical([])).toThrow(/empirical: needs at least one value/);
    expect(() => empirical([1, Infinity])).toThrow(/empirical: values\[1\]/);
    expect(() => distribution({ type: 'weibull' } as never)).toThrow(/unknown distribution type: weibull/);
  });

  it('are built from plain-data specs', () => {
    expect(distribution({ type: 'exponential', mean: 5 }).mean).toBe(5);
    expect(distribution({ type: 'lognormal', mean: 10, sd: 2 }).mean).toBeCloseTo(10, 12);
    expect(distribution({ type: 'lognormal', mu: 0, sigma: 0 }).mean).toBe(1);
    expect(distribution({ type: 'gamma', mean: 10, sd: 5 }).mean).toBeCloseTo(10, 12);
    expect(distribution({ type: 'gamma', shape: 2, scale: 3 }).mean).toBe(6);
    expect(distribution({ type: 'triangular', min: 0, mode: 1, max: 2 }).mean).toBe(1);
    expect(distribution({ type: 'empirical', values: [1, 2, 3] }).mean).toBe(2);
    expect(distribution({ type: 'deterministic', value: 7 }).toString()).toBe('deterministic(7)');
  });
});
