// Distributions of durations and other quantities. Parameters are validated once,
// at construction; `sample` does no allocation. Durations are in seconds.
import type { RandomStream } from './stream';

/** A probability distribution that can be sampled with a random stream. */
export interface Distribution {
  /** Draws one value using `rng`. */
  sample(rng: RandomStream): number;
  /** The distribution's mean (of the variable itself). */
  readonly mean: number;
  /** A short description, e.g. `exponential(mean=60)`. */
  toString(): string;
}

function fail(dist: string, msg: string): never {
  throw new RangeError(`${dist}: ${msg}`);
}
function finite(dist: string, name: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(dist, `${name} must be a finite number, got ${String(x)}`);
}
function positive(dist: string, name: string, x: number): void {
  finite(dist, name, x);
  if (!(x > 0)) fail(dist, `${name} must be > 0, got ${x}`);
}
function nonNegative(dist: string, name: string, x: number): void {
  finite(dist, name, x);
  if (!(x >= 0)) fail(dist, `${name} must be >= 0, got ${x}`);
}

/** Exponential with the given mean (rate = 1/mean). */
export class Exponential implements Distribution {
  readonly mean: number;
  constructor(mean: number) {
    positive('exponential', 'mean', mean);
    this.mean = mean;
  }
  sample(rng: RandomStream): number {
    return -this.mean * Math.log(1 - rng.random());
  }
  toString(): string {
    return `exponential(mean=${this.mean})`;
  }
}

/** Always the same value (no randomness; draws nothing from the stream). */
export class Deterministic implements Distribution {
  readonly mean: number;
  constructor(value: number) {
    finite('deterministic', 'value', value);
    this.mean = value;
  }
  sample(_rng: RandomStream): number {
    return this.mean;
  }
  toString(): string {
    return `deterministic(${this.mean})`;
  }
}

/** Uniform on [min, max). */
export class Uniform implements Distribution {
  readonly mean: number;
  constructor(
    readonly min: number,
    readonly max: number,
  ) {
    finite('uniform', 'min', min);
    finite('uniform', 'max', max);
    if (!(max >= min)) fail('uniform', `max (${max}) must be >= min (${min})`);
    this.mean = (min + max) / 2;
  }
  sample(rng: RandomStream): number {
    return this.min + (this.max - this.min) * rng.random();
  }
  toString(): string {
    return `uniform(${this.min}, ${this.max})`;
  }
}

/** Triangular with minimum, mode and maximum (inverse-CDF sampling). */
export class Triangular implements Distribution {
  readonly mean: number;
  private readonly fc: number;
  constructor(
    readonly min: number,
    readonly mode: number,
    readonly max: number,
  ) {
    finite('triangular', 'min', min);
    finite('triangular', 'mode', mode);
    finite('triangular', 'max', max);
    if (!(min <= mode && mode <= max)) fail('triangular', `need min <= mode <= max, got ${min}, ${mode}, ${max}`);
    if (!(max > min)) fail('triangular', `max (${max}) must be > min (${min}); use deterministic for a constant`);
    this.fc = (mode - min) / (max - min);
    this.mean = (min + mode + max) / 3;
  }
  sample(rng: RandomStream): number {
    const u = rng.random();
    const { min, mode, max } = this;
    return u < this.fc ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }
  toString(): string {
    return `triangular(${this.min}, ${this.mode}, ${this.max})`;
  }
}

/** Normal with mean and standard deviation. Can be negative: prefer lognormal or gamma for durations. */
export class Normal implements Distribution {
  constructor(
    readonly mean: number,
    readonly sd: number,
  ) {
    finite('normal', 'mean', mean);
    nonNegative('normal', 'sd', sd);
  }
  sample(rng: RandomStream): number {
    return rng.normal(this.mean, this.sd);
  }
  toString(): string {
    return `normal(mean=${this.mean}, sd=${this.sd})`;
  }
}

/**
 * Lognormal: exp(N(mu, sigma)). Build it from the mean and standard deviation
 * of the variable itself with {@link lognormal}, or from mu/sigma of its log
 * with {@link lognormalMuSigma}.
 */
export class Lognormal implements Distribution {
  readonly mean: number;
  /** Standard deviation of the variable itself. */
  readonly sd: number;
  constructor(
    readonly mu: number,
    readonly sigma: number,
  ) {
    finite('lognormal', 'mu', mu);
    nonNegative('lognormal', 'sigma', sigma);
    this.mean = Math.exp(mu + (sigma * sigma) / 2);
    this.sd = this.mean * Math.sqrt(Math.expm1(sigma * sigma));
  }
  sample(rng: RandomStream): number {
    return Math.exp(rng.normal(this.mu, this.sigma));
  }
  toString(): string {
    return `lognormal(mu=${this.mu}, sigma=${this.sigma})`;
  }
}

/** Gamma with shape k and scale theta (mean k*theta), Marsaglia-Tsang sampling. */
export class Gamma implements Distribution {
  readonly mean: number;
  private readonly d: number;
  private readonly c: number;
  private readonly boost: boolean;
  constructor(
    readonly shape: number,
    readonly scale: number,
  ) {
    positive('gamma', 'shape', shape);
    positive('gamma', 'scale', scale);
    this.mean = shape * scale;
    this.boost = shape < 1;
    const a = this.boost ? shape + 1 : shape;
    this.d = a - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
  }
  sample(rng: RandomStream): number {
    const d = this.d;
    const c = this.c;
    let v: number;
    for (;;) {
      let x: number;
      do {
        x = rng.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = rng.random();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) break;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) break;
    }
    let g = d * v;
    // shape < 1: Gamma(a) = Gamma(a+1) * U^(1/a)
    if (this.boost) g *= Math.pow(1 - rng.random(), 1 / this.shape);
    return g * this.scale;
  }
  toString(): string {
    return `gamma(shape=${this.shape}, scale=${this.scale})`;
  }
}

/**
 * Empirical: resamples observed values. Without interpolation each draw is one of
 * the observations, equally likely. With `interpolate`, draws come from the
 * piecewise-linear empirical CDF through the sorted observations (continuous,
 * between the smallest and largest observation).
 */
export class Empirical implements Distribution {
  readonly mean: number;
  private readonly xs: Float64Array;
  constructor(
    values: readonly number[],
    readonly interpolate = false,
  ) {
    if (!Array.isArray(values) && !ArrayBuffer.isView(values)) fail('empirical', 'values must be an array of numbers');
    if (values.length === 0) fail('empirical', 'needs at least one value');
    values.forEach((x, i) => finite('empirical', `values[${i}]`, x));
    this.xs = Float64Array.from(values).sort();
    const n = this.xs.length;
    if (interpolate && n > 1) {
      // Mean of the piecewise-linear CDF: average of segment midpoints.
      let s = 0;
      for (let i = 0; i + 1 < n; i++) s += (this.xs[i] + this.xs[i + 1]) / 2;
      this.mean = s / (n - 1);
    } else {
      let s = 0;
      for (let i = 0; i < n; i++) s += this.xs[i];
      this.mean = s / n;
    }
  }
  sample(rng: RandomStream): number {
    const xs = this.xs;
    const n = xs.length;
    if (!this.interpolate || n === 1) return xs[Math.floor(rng.random() * n)];
    const pos = rng.random() * (n - 1);
    const i = Math.floor(pos);
    return xs[i] + (pos - i) * (xs[i + 1] - xs[i]);
  }
  toString(): string {
    return `empirical(n=${this.xs.length}${this.interpolate ? ', interpolated' : ''})`;
  }
}

/** Exponential with the given mean (seconds). */
export function exponential(mean: number): Exponential {
  return new Exponential(mean);
}
/** Exponential with the given rate (events per second): mean = 1/rate. */
export function exponentialRate(rate: number): Exponential {
  positive('exponential', 'rate', rate);
  return new Exponential(1 / rate);
}
/** A constant. */
export function deterministic(value: number): Deterministic {
  return new Deterministic(value);
}
/** Uniform on [min, max). */
export function uniform(min: number, max: number): Uniform {
  return new Uniform(min, max);
}
/** Triangular(min, mode, max). */
export function triangular(min: number, mode: number, max: number): Triangular {
  return new Triangular(min, mode, max);
}
/** Normal(mean, sd). */
export function normal(mean: number, sd: number): Normal {
  return new Normal(mean, sd);
}
/** Lognormal whose values have the given mean (> 0) and standard deviation (>= 0). */
export function lognormal(mean: number, sd: number): Lognormal {
  positive('lognormal', 'mean', mean);
  nonNegative('lognormal', 'sd', sd);
  const sigma2 = Math.log1p((sd * sd) / (mean * mean));
  return new Lognormal(Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2));
}
/** Lognormal exp(N(mu, sigma)) from the parameters of the underlying normal. */
export function lognormalMuSigma(mu: number, sigma: number): Lognormal {
  return new Lognormal(mu, sigma);
}
/** Gamma(shape, scale): mean shape*scale, variance shape*scale^2. */
export function gamma(shape: number, scale: number): Gamma {
  return new Gamma(shape, scale);
}
/** Gamma with the given mean and standard deviation (shape = (mean/sd)^2). */
export function gammaMeanSd(mean: number, sd: number): Gamma {
  positive('gamma', 'mean', mean);
  positive('gamma', 'sd', sd);
  return new Gamma((mean * mean) / (sd * sd), (sd * sd) / mean);
}
/** Empirical distribution of observed values, optionally linearly interpolated. */
export function empirical(values: readonly number[], options: { interpolate?: boolean } = {}): Empirical {
  return new Empirical(values, options.interpolate ?? false);
}

/** A distribution as plain data (for scenario files). Durations in seconds. */
export type DistributionSpec =
  | { type: 'exponential'; mean: number }
  | { type: 'deterministic'; value: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'triangular'; min: number; mode: number; max: number }
  | { type: 'normal'; mean: number; sd: number }
  | { type: 'lognormal'; mean: number; sd: number }
  | { type: 'lognormal'; mu: number; sigma: number }
  | { type: 'gamma'; shape: number; scale: number }
  | { type: 'gamma'; mean: number; sd: number }
  | { type: 'empirical'; values: readonly number[]; interpolate?: boolean };

/** Builds a distribution from its plain-data description; throws a RangeError on bad parameters. */
export function distribution(spec: DistributionSpec): Distribution {
  const s = spec as unknown as Record<string, unknown> & { type: string };
  switch (s.type) {
    case 'exponential':
      return exponential(s.mean as number);
    case 'deterministic':
      return deterministic(s.value as number);
    case 'uniform':
      return uniform(s.min as number, s.max as number);
    case 'triangular':
      return triangular(s.min as number, s.mode as number, s.max as number);
    case 'normal':
      return normal(s.mean as number, s.sd as number);
    case 'lognormal':
      return 'mu' in s ? lognormalMuSigma(s.mu as number, s.sigma as number) : lognormal(s.mean as number, s.sd as number);
    case 'gamma':
      return 'shape' in s ? gamma(s.shape as number, s.scale as number) : gammaMeanSd(s.mean as number, s.sd as number);
    case 'empirical':
      return empirical(s.values as number[], { interpolate: s.interpolate as boolean | undefined });
    default:
      throw new RangeError(`unknown distribution type: ${String(s.type)}`);
  }
}
