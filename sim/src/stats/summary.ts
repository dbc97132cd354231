// Output statistics: running moments, time-weighted averages, confidence intervals.
import { studentTQuantile } from './distributions';

/** Running count, mean, variance (Welford), min and max of observations; O(1) memory. */
export class RunningStats {
  private n = 0;
  private m = 0;
  private m2 = 0;
  private lo = Infinity;
  private hi = -Infinity;

  /** Adds one observation. */
  add(x: number): void {
    const n = ++this.n;
    const d = x - this.m;
    this.m += d / n;
    this.m2 += d * (x - this.m);
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /** Adds all observations of `other` (Chan et al. parallel combination). */
  merge(other: RunningStats): void {
    if (other.n === 0) return;
    if (this.n === 0) {
      this.n = other.n;
      this.m = other.m;
      this.m2 = other.m2;
      this.lo = other.lo;
      this.hi = other.hi;
      return;
    }
    const n = this.n + other.n;
    const d = other.m - this.m;
    this.m2 += other.m2 + (d * d * this.n * other.n) / n;
    this.m += (d * other.n) / n;
    this.n = n;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  /** Forgets all observations. */
  reset(): void {
    this.n = 0;
    this.m = 0;
    this.m2 = 0;
    this.lo = Infinity;
    this.hi = -Infinity;
  }

  /** Number of observations. */
  get count(): number {
    return this.n;
  }
  /** Mean (NaN if empty). */
  get mean(): number {
    return this.n > 0 ? this.m : NaN;
  }
  /** Sample variance, n - 1 denominator (NaN if fewer than 2). */
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : NaN;
  }
  /** Sample standard deviation. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }
  /** Sum of observations. */
  get sum(): number {
    return this.m * this.n;
  }
  /** Smallest observation (Infinity if empty). */
  get min(): number {
    return this.lo;
  }
  /** Largest observation (-Infinity if empty). */
  get max(): number {
    return this.hi;
  }
  /** Confidence interval for the mean, treating observations as i.i.d. */
  confidenceInterval(level = 0.95): ConfidenceInterval {
    return intervalFromMoments(this.n, this.mean, this.sd, level);
  }
}

/**
 * Time-weighted average of a piecewise-constant quantity (queue length, busy
 * servers, stock level): call `update(time, value)` whenever it changes.
 */
export class TimeWeightedStats {
  private t0: number;
  private tLast: number;
  private v: number;
  private area = 0;
  private hi: number;

  /** Starts observing at `startTime` (s) with `initialValue`. */
  constructor(startTime = 0, initialValue = 0) {
    this.t0 = this.tLast = startTime;
    this.v = initialValue;
    this.hi = initialValue;
  }

  /** The quantity becomes `value` at `time` (s, non-decreasing). */
  update(time: number, value: number): void {
    if (time < this.tLast) throw new RangeError(`TimeWeightedStats.update: time went backwards (${time} < ${this.tLast})`);
    this.area += this.v * (time - this.tLast);
    this.tLast = time;
    this.v = value;
    if (value > this.hi) this.hi = value;
  }

  /** Current value. */
  get value(): number {
    return this.v;
  }

  /** Largest value seen since the start or reset. */
  get max(): number {
    return this.hi;
  }

  /** Time-weighted mean from the start (or reset) up to `time` (default: the last update). */
  mean(time = this.tLast): number {
    const area = this.area + this.v * (time - this.tLast);
    const dur = time - this.t0;
    return dur > 0 ? area / dur : this.v;
  }

  /** Integral of the quantity over time from the start (or reset) to `time`. */
  integral(time = this.tLast): number {
    return this.area + this.v * (time - this.tLast);
  }

  /** Discards the history (warm-up deletion): observation restarts at `time` with the current value. */
  reset(time: number): void {
    this.t0 = this.tLast = time;
    this.area = 0;
    this.hi = this.v;
  }
}

/** A two-sided confidence interval for a mean. */
export interface ConfidenceInterval {
  /** Number of (independent) values the interval is based on. */
  n: number;
  mean: number;
  /** Sample standard deviation of the values. */
  sd: number;
  /** t quantile times standard error; NaN when n < 2. */
  halfWidth: number;
  lower: number;
  upper: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

function intervalFromMoments(n: number, mean: number, sd: number, level: number): ConfidenceInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const halfWidth = n > 1 ? (studentTQuantile(0.5 + level / 2, n - 1) * sd) / Math.sqrt(n) : NaN;
  return { n, mean, sd, halfWidth, lower: mean - halfWidth, upper: mean + halfWidth, level };
}

/**
 * Student-t confidence interval for the mean of independent values, e.g. one
 * mean per replication (the replication/deletion method).
 */
export function confidenceInterval(values: readonly number[], level = 0.95): ConfidenceInterval {
  const s = new RunningStats();
  for (const x of values) s.add(x);
  return intervalFromMoments(s.count, s.mean, s.sd, level);
}

/**
 * Batch means: splits one long (correlated) run's observations, in order, into
 * `batches` consecutive batches of equal size (the remainder at the end is
 * dropped) and returns the confidence interval of the batch means.
 */
export function batchMeans(values: readonly number[], batches = 20, level = 0.95): ConfidenceInterval & { batchSize: number } {
  if (!(Number.isInteger(batches) && batches >= 2)) throw new RangeError(`batchMeans: batches must be an integer >= 2, got ${batches}`);
  const size = Math.floor(values.length / batches);
  if (size < 1) throw new RangeError(`batchMeans: ${values.length} values are too few for ${batches} batches`);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += values[i];
    means.push(s / size);
  }
  return { ...confidenceInterval(means, level), batchSize: size };
}

/**
 * Warm-up deletion for recorded observations: keeps the values whose time
 * (same index in `times`, seconds) is at or after `warmup`.
 */
export function discardWarmup(times: readonly number[], values: readonly number[], warmup: number): number[] {
  if (times.length !== values.length) throw new RangeError('discardWarmup: times and values must have the same length');
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (times[i] >= warmup) out.push(values[i]);
  return out;
}

/** Pearson correlation of two equally long samples (NaN if either is constant). */
export function correlation(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) throw new RangeError('correlation: samples must have the same length');
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** `x` rounded to `digits` decimals (for results people read and JSON that diffs cleanly). */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
