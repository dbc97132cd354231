import { describe, expect, it } from 'vitest';
import { distribution, type DistributionSpec } from '../random/distributions';
import { RandomStreams } from '../random/stream';
import { logGamma, normalCdf } from '../stats/distributions';
import {
  cdfOf,
  digamma,
  FIT_FAMILIES,
  fitBest,
  FitError,
  fitExponential,
  fitGamma,
  fitLognormal,
  ksStatistic,
  regularizedGammaP,
  trigamma,
  ZERO_FLOOR_S,
} from './fit';

const N = 20_000;

/** n draws from `spec` with the simulator's own seeded sampler. */
function draw(spec: DistributionSpec, n = N, seed = 1): number[] {
  const rng = new RandomStreams(seed, 0).stream('fit');
  const d = distribution(spec);
  return Array.from({ length: n }, () => d.sample(rng));
}

function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

function params(spec: DistributionSpec): Record<string, number> {
  return spec as unknown as Record<string, number>;
}

const EXP = draw({ type: 'exponential', mean: 60 });
const LOGN = draw({ type: 'lognormal', mu: 4, sigma: 0.5 });
const GAM = draw({ type: 'gamma', shape: 3, scale: 20 });

describe('fit: parameter recovery (n = 20,000)', () => {
  it('exponential: mean within 3%', () => {
    const f = fitExponential(EXP);
    expect(f.family).toBe('exponential');
    expect(f.spec.type).toBe('exponential');
    expect(relErr(params(f.spec).mean, 60)).toBeLessThan(0.03);
    expect(f.n).toBe(N);
    expect(relErr(f.mean, 60)).toBeLessThan(0.03);
    expect(relErr(f.sd, 60)).toBeLessThan(0.03);
  });

  it('lognormal: mu and sigma within 3% (mu within 0.02)', () => {
    const f = fitLognormal(LOGN);
    expect(Object.keys(f.spec).sort()).toEqual(['mu', 'sigma', 'type']);
    expect(Math.abs(params(f.spec).mu - 4)).toBeLessThan(0.02);
    expect(relErr(params(f.spec).sigma, 0.5)).toBeLessThan(0.03);
  });

  it('gamma: shape and scale within 3%, also for shape < 1 and shape 1 (exponential)', () => {
    const f = fitGamma(GAM);
    expect(Object.keys(f.spec).sort()).toEqual(['scale', 'shape', 'type']);
    expect(relErr(params(f.spec).shape, 3)).toBeLessThan(0.03);
    expect(relErr(params(f.spec).scale, 20)).toBeLessThan(0.03);
    const small = fitGamma(draw({ type: 'gamma', shape: 0.5, scale: 100 }, N, 2));
    expect(relErr(params(small.spec).shape, 0.5)).toBeLessThan(0.03);
    expect(relErr(params(small.spec).scale, 100)).toBeLessThan(0.03);
    expect(relErr(params(fitGamma(EXP).spec).shape, 1)).toBeLessThan(0.03);
  });

  it('specs are rounded to 4 significant digits (mu to 4 decimals here) and build a distribution', () => {
    for (const f of fitBest(GAM).fits) {
      for (const [k, v] of Object.entries(f.spec)) {
        if (k === 'type') continue;
        expect(v).toBe(k === 'mu' ? Number((v as number).toFixed(4)) : Number((v as number).toPrecision(4)));
      }
      expect(() => distribution(f.spec)).not.toThrow();
    }
  });

  it('a tiny sigma gets a finer mu, and gamma keeps shape * scale = mean', () => {
    const tight = fitLognormal(draw({ type: 'lognormal', mu: 11.5, sigma: 0.003 }, 5000));
    expect(Math.abs(params(tight.spec).mu - 11.5)).toBeLessThan(0.0003);
    expect(tight.ks).toBeLessThan(0.03);
    const g = fitGamma(GAM);
    expect(relErr(params(g.spec).shape * params(g.spec).scale, g.mean)).toBeLessThan(1e-3);
  });

  it('fitBest picks the true family by AIC and sorts the fits best first', () => {
    expect(fitBest(EXP).best.family).toBe('exponential');
    expect(fitBest(LOGN).best.family).toBe('lognormal');
    const g = fitBest(GAM);
    expect(g.best.family).toBe('gamma');
    expect(g.fits.map((f) => f.family).sort()).toEqual([...FIT_FAMILIES].sort());
    for (let i = 1; i < g.fits.length; i++) expect(g.fits[i].aic).toBeGreaterThanOrEqual(g.fits[i - 1].aic);
    expect(g.best).toBe(g.fits[0]);
    // AIC = 2k - 2 logL
    const e = g.fits.find((f) => f.family === 'exponential');
    expect(e?.aic).toBeCloseTo(2 - 2 * (e?.logLikelihood ?? 0), 9);
  });

  it('fitBest fits only the families asked for', () => {
    const r = fitBest(LOGN, ['gamma', 'exponential', 'gamma']);
    expect(r.fits.map((f) => f.family)).toEqual(['gamma', 'exponential']);
    expect(() => fitBest(LOGN, [])).toThrow(RangeError);
  });

  it('log-likelihoods match a direct sum of log densities', () => {
    const xs = GAM.slice(0, 500);
    const sum = (f: (x: number) => number) => xs.reduce((a, x) => a + f(x), 0);
    const e = fitExponential(xs);
    const { mean } = params(e.spec);
    expect(e.logLikelihood).toBeCloseTo(sum((x) => -Math.log(mean) - x / mean), 6);
    const l = fitLognormal(xs);
    const { mu, sigma } = params(l.spec);
    expect(l.logLikelihood).toBeCloseTo(sum((x) => -Math.log(x * sigma * Math.sqrt(2 * Math.PI)) - (Math.log(x) - mu) ** 2 / (2 * sigma * sigma)), 6);
    const g = fitGamma(xs);
    const { shape, scale } = params(g.spec);
    const lgk = logGamma(shape);
    expect(g.logLikelihood).toBeCloseTo(sum((x) => (shape - 1) * Math.log(x) - x / scale - shape * Math.log(scale) - lgk), 6);
  });
});

describe('fit: Kolmogorov-Smirnov', () => {
  it('the true family has a small D and the p-value does not reject it', () => {
    for (const [xs, fit] of [
      [EXP, fitExponential],
      [LOGN, fitLognormal],
      [GAM, fitGamma],
    ] as const) {
      const f = fit(xs);
      expect(f.ks).toBeLessThan(0.015);
      expect(f.ksPValue).toBeGreaterThan(0.01);
    }
  });

  it('a clearly wrong family has a large D and a tiny p-value', () => {
    const onLognormal = fitExponential(LOGN);
    expect(onLognormal.ks).toBeGreaterThan(0.1);
    expect(onLognormal.ksPValue).toBeLessThan(1e-10);
    const onGamma = fitExponential(GAM);
    expect(onGamma.ks).toBeGreaterThan(0.1);
    const lognormalOnExp = fitLognormal(EXP);
    expect(lognormalOnExp.ks).toBeGreaterThan(0.03);
    expect(lognormalOnExp.ksPValue).toBeLessThan(1e-6);
  });

  it('ksStatistic: small exact cases, ties, and unsorted input', () => {
    const u = (x: number) => Math.min(1, Math.max(0, x));
    expect(ksStatistic([0.25, 0.5, 0.75], u)).toBeCloseTo(0.25, 15);
    expect(ksStatistic([0.1, 0.2, 0.3], u)).toBeCloseTo(0.7, 15);
    // Ties: ECDF jumps 0 -> 1 at 0.5; sup gap is 0.5 on either side.
    expect(ksStatistic([0.5, 0.5, 0.5, 0.5], u)).toBeCloseTo(0.5, 15);
    expect(() => ksStatistic([0.3, 0.1], u)).toThrow(RangeError);
  });
});

describe('fit: special functions', () => {
  it('regularizedGammaP(1, x) = 1 - e^-x and P(2, x) = 1 - e^-x (1 + x)', () => {
    for (const x of [0, 1e-8, 0.1, 0.5, 1, 2, 5, 10, 30]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(-Math.expm1(-x), 12);
      expect(regularizedGammaP(2, x)).toBeCloseTo(1 - Math.exp(-x) * (1 + x), 12);
    }
  });

  it('regularizedGammaP(0.5, x) = erf(sqrt(x))', () => {
    // erf(0.5), erf(1), erf(2); and erf(z) = 2 Φ(z √2) - 1 via the stats module's normal CDF.
    expect(regularizedGammaP(0.5, 0.25)).toBeCloseTo(0.5204998778130465, 11);
    expect(regularizedGammaP(0.5, 1)).toBeCloseTo(0.8427007929497149, 11);
    expect(regularizedGammaP(0.5, 4)).toBeCloseTo(0.9953222650189527, 11);
    for (const x of [0.01, 0.3, 1.7, 3, 8]) expect(regularizedGammaP(0.5, x)).toBeCloseTo(2 * normalCdf(Math.sqrt(2 * x)) - 1, 11);
  });

  it('regularizedGammaP at reference values (both branches, large a)', () => {
    expect(regularizedGammaP(3, 2)).toBeCloseTo(0.3233235838169366, 12); // 1 - 5 e^-2
    expect(regularizedGammaP(10, 3)).toBeCloseTo(0.0011024881301154798, 12);
    expect(regularizedGammaP(2.5, 7.5)).toBeCloseTo(0.9896376620842136, 11);
    expect(regularizedGammaP(100, 100)).toBeCloseTo(0.5132987982791487, 10);
    expect(regularizedGammaP(0.1, 1e-3)).toBeCloseTo(0.5267685683924451, 11);
    expect(regularizedGammaP(1e4, 1.01e4)).toBeCloseTo(0.8413487504471796, 9);
    expect(regularizedGammaP(5, Infinity)).toBe(1);
    expect(() => regularizedGammaP(0, 1)).toThrow(RangeError);
    expect(() => regularizedGammaP(1, -1)).toThrow(RangeError);
  });

  it('digamma and trigamma', () => {
    const gammaE = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-gammaE, 13);
    expect(digamma(0.5)).toBeCloseTo(-gammaE - 2 * Math.LN2, 13);
    expect(digamma(4)).toBeCloseTo(-gammaE + 1 + 1 / 2 + 1 / 3, 13);
    expect(digamma(10.5)).toBeCloseTo(2.3030010342976865, 13);
    expect(digamma(0.01)).toBeCloseTo(-100.56088545786868, 10);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 13);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 13);
    expect(trigamma(3.7)).toBeCloseTo(0.3100378576700383, 13);
    expect(trigamma(0.01)).toBeCloseTo(10001.621213528313, 8);
    expect(digamma(1e6)).toBeCloseTo(Math.log(1e6) - 0.5e-6, 12);
  });
});

describe('fit: cdfOf', () => {
  it('exponential, lognormal and gamma in both forms, deterministic', () => {
    const e = cdfOf({ type: 'exponential', mean: 60 });
    expect(e(60)).toBeCloseTo(1 - Math.exp(-1), 14);
    expect(e(0)).toBe(0);
    expect(e(-5)).toBe(0);

    const l = cdfOf({ type: 'lognormal', mu: 4, sigma: 0.5 });
    expect(l(Math.exp(4))).toBeCloseTo(0.5, 14);
    expect(l(Math.exp(4.5))).toBeCloseTo(0.8413447460685429, 12);
    expect(l(0)).toBe(0);
    // mean/sd form: sigma² = ln(1 + cv²), mu = ln(mean) - sigma²/2; the median is exp(mu).
    const s2 = Math.log1p(0.25);
    expect(cdfOf({ type: 'lognormal', mean: 100, sd: 50 })(Math.exp(Math.log(100) - s2 / 2))).toBeCloseTo(0.5, 12);

    const g1 = cdfOf({ type: 'gamma', shape: 1, scale: 10 });
    for (const x of [1, 10, 35]) expect(g1(x)).toBeCloseTo(1 - Math.exp(-x / 10), 12);
    expect(cdfOf({ type: 'gamma', shape: 2, scale: 5 })(10)).toBeCloseTo(1 - 3 * Math.exp(-2), 12);
    // mean 10, sd 5 -> shape 4, scale 2.5: P(4, 4) = 1 - e^-4 (1 + 4 + 8 + 32/3)
    expect(cdfOf({ type: 'gamma', mean: 10, sd: 5 })(10)).toBeCloseTo(1 - Math.exp(-4) * (1 + 4 + 8 + 32 / 3), 12);

    const d = cdfOf({ type: 'deterministic', value: 30 });
    expect([d(29.9), d(30), d(31)]).toEqual([0, 1, 1]);
  });

  it('uniform, triangular, normal and empirical', () => {
    expect(cdfOf({ type: 'uniform', min: 10, max: 20 })(12.5)).toBeCloseTo(0.25, 14);
    const t = cdfOf({ type: 'triangular', min: 0, mode: 10, max: 20 });
    expect([t(0), t(5), t(10), t(15), t(20)]).toEqual([0, 0.125, 0.5, 0.875, 1]);
    expect(cdfOf({ type: 'normal', mean: 5, sd: 2 })(7)).toBeCloseTo(0.8413447460685429, 12);
    const emp = cdfOf({ type: 'empirical', values: [3, 1, 2, 2] });
    expect([emp(0.5), emp(1), emp(2), emp(2.5), emp(3)]).toEqual([0, 0.25, 0.75, 0.75, 1]);
    const lin = cdfOf({ type: 'empirical', values: [0, 10, 30], interpolate: true });
    expect([lin(-1), lin(5), lin(10), lin(20), lin(40)]).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('bad parameters throw a RangeError', () => {
    expect(() => cdfOf({ type: 'exponential', mean: -1 })).toThrow(RangeError);
  });
});

describe('fit: input validation and zeros', () => {
  it('throws FitError on too few, negative or non-finite observations', () => {
    expect(() => fitExponential([])).toThrow(FitError);
    expect(() => fitExponential([])).toThrow('need at least 2 observations, got 0');
    expect(() => fitLognormal([5])).toThrow('need at least 2 observations, got 1');
    expect(() => fitGamma([1, -2, 3])).toThrow(/observation 1 is negative \(-2 s\)/);
    expect(() => fitBest([1, Number.NaN, 3])).toThrow(/observation 1 is not a finite number: NaN/);
    expect(() => fitBest([1, Infinity])).toThrow(FitError);
    expect(() => fitBest([1, 2, 3] as unknown as number[], ['weibull' as never])).toThrow(RangeError);
  });

  it('all-equal observations: FitError pointing to a deterministic time', () => {
    expect(() => fitBest([42, 42, 42])).toThrow(FitError);
    expect(() => fitBest([42, 42, 42])).toThrow('all observations equal (42 s): use a deterministic time');
    expect(() => fitExponential([0, 0])).toThrow(/all observations equal \(0 s\)/);
  });

  it(`zeros are floored at ${ZERO_FLOOR_S} s for lognormal and gamma`, () => {
    // Exponential durations recorded to whole seconds: many exact zeros.
    const rounded = draw({ type: 'exponential', mean: 20 }).map(Math.round);
    expect(rounded.filter((x) => x === 0).length).toBeGreaterThan(300);
    const r = fitBest(rounded);
    expect(r.fits).toHaveLength(3);
    for (const f of r.fits) {
      expect(Number.isFinite(f.logLikelihood)).toBe(true);
      expect(Number.isFinite(f.ks)).toBe(true);
    }
    expect(relErr(params(fitExponential(rounded).spec).mean, 20)).toBeLessThan(0.03);
    expect(relErr(params(fitGamma(rounded).spec).shape, 1)).toBeLessThan(0.1);
    // Flooring is exactly "replace 0 by ZERO_FLOOR_S".
    const withZeros = [0, 0, 3, 7, 12, 40];
    const floored = withZeros.map((x) => (x === 0 ? ZERO_FLOOR_S : x));
    expect(fitLognormal(withZeros).spec).toEqual(fitLognormal(floored).spec);
    expect(fitGamma(withZeros).spec).toEqual(fitGamma(floored).spec);
    // Sub-0.5 s values keep their order against the floored zeros.
    expect(fitLognormal([0, 0.1, 2, 5]).spec).toEqual(fitLognormal([0.1, 0.5, 2, 5]).spec);
  });

  it('fitBest leaves out a family that cannot be fitted after flooring', () => {
    const r = fitBest([0, 0, 0.5]);
    expect(r.fits.map((f) => f.family)).toEqual(['exponential']);
    expect(() => fitLognormal([0, 0, 0.5])).toThrow(FitError);
    expect(() => fitBest([0, 0, 0.5], ['gamma'])).toThrow(/after flooring zeros/);
  });

  it('is fast: 100k values fit by all families well under a second', () => {
    const xs = draw({ type: 'gamma', shape: 3, scale: 20 }, 100_000, 3);
    const t0 = performance.now();
    const r = fitBest(xs);
    const ms = performance.now() - t0;
    expect(r.best.family).toBe('gamma');
    expect(ms).toBeLessThan(1000);
  });
});
