// Fitting duration distributions to observed data (for the digital twin): maximum
// likelihood for exponential, lognormal and gamma, goodness of fit by the
// Kolmogorov-Smirnov statistic, and model choice by AIC. Durations in seconds.
//
// The data are validated, copied and sorted once per call; every family reuses
// that sorted copy (and one array of logs), so 100k values fit in milliseconds.
import {
  Deterministic,
  distribution,
  Empirical,
  Exponential,
  Gamma,
  Lognormal,
  Normal,
  Triangular,
  Uniform,
  type DistributionSpec,
} from '../random/distributions';
import { logGamma, normalCdf } from '../stats/distributions';

export type FitFamily = 'exponential' | 'lognormal' | 'gamma';

/** The families {@link fitBest} tries by default. */
export const FIT_FAMILIES: readonly FitFamily[] = Object.freeze(['exponential', 'lognormal', 'gamma'] as const);

/**
 * Zero durations (timestamps rounded to whole seconds) have no density under a
 * lognormal or gamma, so before fitting those two families each value of exactly
 * 0 is replaced by 0.5 s: the midpoint of the rounding interval [0, 1).
 */
export const ZERO_FLOOR_S = 0.5;

/** Bad input to a fit: too few, non-finite, negative or all-equal observations. */
export class FitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FitError';
  }
}

/** One fitted family, with its goodness of fit. */
export interface DistributionFit {
  family: FitFamily;
  /**
   * Ready to use in a scenario: {type:'exponential', mean} | {type:'lognormal', mu, sigma}
   * | {type:'gamma', shape, scale}. Rounded to 4 significant digits (mu to 4 decimals, or
   * to 1e-3 sigma if finer, since it is a log: that keeps exp(mu) to ~1e-4 relative).
   */
  spec: DistributionSpec;
  /** Number of observations. */
  n: number;
  /** Sample mean and sd (n - 1 denominator) of the data as given (zeros not floored). */
  mean: number;
  sd: number;
  /**
   * Kolmogorov-Smirnov statistic D of `spec` against the data, and its asymptotic
   * p-value (Kolmogorov distribution with Stephens' small-n correction). The p-value
   * is optimistic (too large) because the parameters were estimated from the same data.
   */
  ks: number;
  ksPValue: number;
  /** Log-likelihood of `spec` (natural log; lognormal and gamma on the zero-floored data). */
  logLikelihood: number;
  /** 2 * parameters - 2 * logLikelihood: lower is better. */
  aic: number;
}

// ---- special functions -----------------------------------------------------

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 100_000;

/** Lower regularized incomplete gamma P(a, x) with log Γ(a) precomputed (reused across a KS pass). */
function gammaPWithLogGamma(a: number, x: number, lga: number): number {
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  const logPrefix = a * Math.log(x) - x - lga;
  if (x < a + 1) {
    // Series P = e^-x x^a / Γ(a) * Σ x^n / (a (a+1) ... (a+n)): converges fast for x < a + 1.
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let i = 0; i < MAX_ITER; i++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (del < sum * EPS) break;
    }
    return Math.min(1, sum * Math.exp(logPrefix));
  }
  // Continued fraction for Q = 1 - P (modified Lentz), which converges fast for x >= a + 1.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.max(0, 1 - Math.exp(logPrefix) * h);
}

/** Lower regularized incomplete gamma P(a, x) = γ(a, x) / Γ(a), a > 0, x >= 0 (series + continued fraction, as in Numerical Recipes). */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`regularizedGammaP: a must be a finite number > 0, got ${a}`);
  if (!(x >= 0)) throw new RangeError(`regularizedGammaP: x must be >= 0, got ${x}`);
  return gammaPWithLogGamma(a, x, logGamma(a));
}

/** Digamma ψ(x) = d/dx log Γ(x), x > 0: recurrence up to x >= 10, then the asymptotic series. */
export function digamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`digamma: x must be a finite number > 0, got ${x}`);
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x; // ψ(x) = ψ(x + 1) - 1/x
    x += 1;
  }
  const r = 1 / (x * x);
  const series = r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r * (1 / 132 - (r * 691) / 32760)))));
  return acc + Math.log(x) - 0.5 / x - series;
}

/** Trigamma ψ'(x), x > 0: recurrence up to x >= 10, then the asymptotic series. */
export function trigamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`trigamma: x must be a finite number > 0, got ${x}`);
  let acc = 0;
  while (x < 10) {
    acc += 1 / (x * x); // ψ'(x) = ψ'(x + 1) + 1/x²
    x += 1;
  }
  const r = 1 / (x * x);
  // 1/x + 1/(2x²) + Σ B_2k / x^(2k+1)
  const series = (1 / x) * (1 + r * (1 / 6 - r * (1 / 30 - r * (1 / 42 - r * (1 / 30 - (r * 5) / 66)))));
  return acc + series + 0.5 * r;
}

/** Asymptotic Kolmogorov survival function Q(λ) = P(K > λ) (two series, each fast on its side of 1.18). */
function kolmogorovQ(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1.18) {
    const y = Math.exp(-(Math.PI * Math.PI) / (8 * lambda * lambda));
    const y8 = y ** 8;
    const p = (Math.sqrt(2 * Math.PI) / lambda) * y * (1 + y8 * (1 + y8 * y8 * (1 + y8 * y8 * y8)));
    return Math.min(1, Math.max(0, 1 - p));
  }
  const x = Math.exp(-2 * lambda * lambda);
  return Math.min(1, Math.max(0, 2 * (x - x ** 4 + x ** 9 - x ** 16)));
}

/** p-value of KS statistic `d` for `n` observations, with Stephens' correction for small n. */
function ksPValue(d: number, n: number): number {
  const sn = Math.sqrt(n);
  return kolmogorovQ((sn + 0.12 + 0.11 / sn) * d);
}

// ---- goodness of fit ---------------------------------------------------------

/** Kolmogorov-Smirnov statistic sup |F_n(x) - F(x)| of sorted data against a CDF (ties handled). */
export function ksStatistic(sortedAscending: readonly number[] | Float64Array, cdf: (x: number) => number): number {
  const n = sortedAscending.length;
  if (n === 0) throw new RangeError('ksStatistic: no observations');
  let d = 0;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = sortedAscending[i];
    if (!(x >= prev)) throw new RangeError(`ksStatistic: data must be sorted ascending (index ${i}: ${x} after ${prev})`);
    prev = x;
    const f = cdf(x);
    // Within a run of ties the extreme gaps are at the run's ends, which these two cover.
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** Upper bound index: number of sorted values <= x. */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function empiricalCdf(values: readonly number[], interpolate: boolean): (x: number) => number {
  const xs = Float64Array.from(values).sort();
  const n = xs.length;
  if (!interpolate || n === 1) return (x) => countAtMost(xs, x) / n;
  // Piecewise linear through (xs[i], i / (n - 1)), as Empirical samples it.
  return (x) => {
    if (x < xs[0]) return 0;
    if (x >= xs[n - 1]) return 1;
    const i = countAtMost(xs, x) - 1;
    const span = xs[i + 1] - xs[i];
    return (i + (span > 0 ? (x - xs[i]) / span : 0)) / (n - 1);
  };
}

/**
 * The CDF of a distribution spec: exponential, lognormal and gamma (both
 * parameterizations), deterministic, uniform, triangular, normal and empirical.
 * Parameters are validated by building the distribution (RangeError if bad).
 */
export function cdfOf(spec: DistributionSpec): (x: number) => number {
  const dist = distribution(spec); // validates, and resolves mean/sd forms to mu/sigma or shape/scale
  if (dist instanceof Exponential) {
    const mean = dist.mean;
    return (x) => (x <= 0 ? 0 : -Math.expm1(-x / mean));
  }
  if (dist instanceof Lognormal) {
    const { mu, sigma } = dist;
    const median = Math.exp(mu);
    if (sigma === 0) return (x) => (x >= median ? 1 : 0);
    return (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma));
  }
  if (dist instanceof Gamma) {
    const { shape, scale } = dist;
    const lga = logGamma(shape);
    return (x) => gammaPWithLogGamma(shape, x / scale, lga);
  }
  if (dist instanceof Deterministic) {
    const v = dist.mean;
    return (x) => (x >= v ? 1 : 0);
  }
  if (dist instanceof Uniform) {
    const { min, max } = dist;
    if (max === min) return (x) => (x >= min ? 1 : 0);
    return (x) => clamp01((x - min) / (max - min));
  }
  if (dist instanceof Triangular) {
    const { min, mode, max } = dist;
    return (x) => {
      if (x <= min) return 0;
      if (x >= max) return 1;
      if (x <= mode) return ((x - min) * (x - min)) / ((max - min) * (mode - min));
      return 1 - ((max - x) * (max - x)) / ((max - min) * (max - mode));
    };
  }
  if (dist instanceof Normal) {
    const { mean, sd } = dist;
    if (sd === 0) return (x) => (x >= mean ? 1 : 0);
    return (x) => normalCdf((x - mean) / sd);
  }
  if (dist instanceof Empirical) {
    const s = spec as { values: readonly number[]; interpolate?: boolean };
    return empiricalCdf(s.values, s.interpolate ?? false);
  }
  throw new RangeError(`cdfOf: no CDF for ${dist.toString()}`);
}

// ---- data preparation --------------------------------------------------------

/** Logs of the zero-floored data, shared by the lognormal and gamma fits. */
interface FlooredSample {
  /** Ascending, zeros replaced by ZERO_FLOOR_S. */
  sorted: Float64Array;
  mean: number;
  sumLog: number;
  meanLog: number;
  /** Population variance (1/n) of the logs: the MLE of sigma². */
  varLog: number;
}

/** Validated, sorted data with summary statistics; computed once per call. */
interface Sample {
  sorted: Float64Array;
  n: number;
  sum: number;
  mean: number;
  sd: number;
  floored?: FlooredSample;
}

function prepare(xs: readonly number[] | Float64Array): Sample {
  if (!Array.isArray(xs) && !(xs instanceof Float64Array)) throw new FitError('observations must be an array of numbers');
  const n = xs.length;
  if (n < 2) throw new FitError(`need at least 2 observations, got ${n}`);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new FitError(`observation ${i} is not a finite number: ${String(x)}`);
    if (x < 0) throw new FitError(`observation ${i} is negative (${x} s): durations must be >= 0`);
    sorted[i] = x;
  }
  sorted.sort();
  // No spread means no shape to fit: every family degenerates (sigma 0, shape ∞), so say so plainly.
  if (sorted[0] === sorted[n - 1]) throw new FitError(`all observations equal (${sorted[0]} s): use a deterministic time`);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) ** 2;
  return { sorted, n, sum, mean, sd: Math.sqrt(ss / (n - 1)) };
}

function floored(s: Sample): FlooredSample {
  if (s.floored) return s.floored;
  let sorted = s.sorted;
  let zeros = 0;
  while (zeros < s.n && sorted[zeros] === 0) zeros++;
  if (zeros > 0) {
    sorted = sorted.slice();
    sorted.fill(ZERO_FLOOR_S, 0, zeros);
    // Only sub-0.5 s positive values (not from whole-second timestamps) can break the order.
    if (zeros < s.n && sorted[zeros] < ZERO_FLOOR_S) sorted.sort();
  }
  const n = s.n;
  if (sorted[0] === sorted[n - 1]) throw new FitError(`all observations equal (${ZERO_FLOOR_S} s) after flooring zeros at ${ZERO_FLOOR_S} s: use a deterministic time`);
  let sum = 0;
  let sumLog = 0;
  for (let i = 0; i < n; i++) {
    sum += sorted[i];
    sumLog += Math.log(sorted[i]);
  }
  const meanLog = sumLog / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (Math.log(sorted[i]) - meanLog) ** 2;
  s.floored = { sorted, mean: sum / n, sumLog, meanLog, varLog: ss / n };
  return s.floored;
}

// ---- fits -------------------------------------------------------------------

function sig4(x: number): number {
  return Number(x.toPrecision(4));
}

function result(s: Sample, family: FitFamily, spec: DistributionSpec, params: number, logLikelihood: number, sorted: Float64Array): DistributionFit {
  const ks = ksStatistic(sorted, cdfOf(spec));
  return { family, spec, n: s.n, mean: s.mean, sd: s.sd, ks, ksPValue: ksPValue(ks, s.n), logLikelihood, aic: 2 * params - 2 * logLikelihood };
}

function fitExponentialSample(s: Sample): DistributionFit {
  // MLE: mean = sample mean. Zeros are fine here (density 1/mean at 0), so the raw data are used.
  const mean = sig4(s.mean);
  const logL = -s.n * Math.log(mean) - s.sum / mean;
  return result(s, 'exponential', { type: 'exponential', mean }, 1, logL, s.sorted);
}

function fitLognormalSample(s: Sample): DistributionFit {
  const f = floored(s);
  // MLE: mu, sigma = mean and population sd of the logs.
  // mu is a log: round it absolutely (4 decimals, finer when sigma is tiny) so exp(mu) keeps ~1e-4 relative.
  const mu = Number(f.meanLog.toFixed(Math.min(12, Math.max(4, 3 - Math.floor(Math.log10(Math.sqrt(f.varLog)))))));
  const sigma = sig4(Math.sqrt(f.varLog));
  const n = s.n;
  // Σ (ln x - mu)² = n (varLog + (meanLog - mu)²): exact at the rounded mu, without a second pass.
  const ss = n * (f.varLog + (f.meanLog - mu) ** 2);
  const logL = -f.sumLog - n * Math.log(sigma) - 0.5 * n * Math.log(2 * Math.PI) - ss / (2 * sigma * sigma);
  return result(s, 'lognormal', { type: 'lognormal', mu, sigma }, 2, logL, f.sorted);
}

/** MLE of the gamma shape: solves log(k) - ψ(k) = log(mean) - mean(log x) by Newton from Minka's start. */
function gammaShape(target: number): number {
  let k = (3 - target + Math.sqrt((target - 3) ** 2 + 24 * target)) / (12 * target);
  for (let i = 0; i < 100; i++) {
    const g = Math.log(k) - digamma(k) - target;
    const dg = 1 / k - trigamma(k); // < 0: g is decreasing in k
    let next = k - g / dg;
    if (!(next > 0)) next = k / 2; // keep k positive
    if (Math.abs(next - k) <= 1e-12 * k) return next;
    k = next;
  }
  return k;
}

function fitGammaSample(s: Sample): DistributionFit {
  const f = floored(s);
  const target = Math.log(f.mean) - f.meanLog; // > 0 by Jensen unless (nearly) all equal
  if (!(target > 1e-12)) throw new FitError('observations too nearly equal to fit a gamma shape: use a deterministic time');
  const shape = sig4(gammaShape(target));
  const scale = sig4(f.mean / shape); // from the rounded shape, so shape * scale keeps the mean
  const n = s.n;
  const logL = (shape - 1) * f.sumLog - (n * f.mean) / scale - n * shape * Math.log(scale) - n * logGamma(shape);
  return result(s, 'gamma', { type: 'gamma', shape, scale }, 2, logL, f.sorted);
}

const FITTERS: Record<FitFamily, (s: Sample) => DistributionFit> = {
  exponential: fitExponentialSample,
  lognormal: fitLognormalSample,
  gamma: fitGammaSample,
};

/** Exponential by maximum likelihood (mean = sample mean). Throws FitError on bad data. */
export function fitExponential(xs: readonly number[]): DistributionFit {
  return fitExponentialSample(prepare(xs));
}

/** Lognormal by maximum likelihood (mu, sigma of the logs; zeros floored at ZERO_FLOOR_S). Throws FitError on bad data. */
export function fitLognormal(xs: readonly number[]): DistributionFit {
  return fitLognormalSample(prepare(xs));
}

/** Gamma by maximum likelihood (Newton on the shape, scale = mean / shape; zeros floored at ZERO_FLOOR_S). Throws FitError on bad data. */
export function fitGamma(xs: readonly number[]): DistributionFit {
  return fitGammaSample(prepare(xs));
}

/**
 * Fits every family and picks the best by AIC (lowest); returns all fits sorted
 * best first. All-equal data throw a FitError (use a deterministic time rather
 * than a degenerate fit); a family that cannot be fitted alone (e.g. every value
 * is 0 or 0.5 s, so the floored data are constant) is left out of `fits`.
 * Note AIC then compares the exponential on the raw data with the others on the
 * floored data; the difference is only in the zeros.
 */
export function fitBest(xs: readonly number[], families: readonly FitFamily[] = FIT_FAMILIES): { best: DistributionFit; fits: DistributionFit[] } {
  if (families.length === 0) throw new RangeError('fitBest: no families to fit');
  for (const f of families) if (!(f in FITTERS)) throw new RangeError(`fitBest: unknown family ${String(f)}`);
  const s = prepare(xs);
  const fits: DistributionFit[] = [];
  let firstError: FitError | undefined;
  for (const family of new Set(families)) {
    try {
      fits.push(FITTERS[family](s));
    } catch (e) {
      if (!(e instanceof FitError)) throw e;
      firstError ??= e;
    }
  }
  if (fits.length === 0) throw firstError ?? new FitError('no family could be fitted');
  fits.sort((a, b) => a.aic - b.aic); // stable: ties keep the families' order
  return { best: fits[0], fits };
}
