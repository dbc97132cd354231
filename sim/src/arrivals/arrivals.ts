// Arrival processes: when customers (vehicles, travellers, trucks) show up.
import type { Environment } from '../kernel/environment';
import type { Process, ProcessGenerator } from '../kernel/process';
import { DAY_SECONDS, HOUR_SECONDS } from '../kernel/schedule';
import type { RandomStream } from '../random/stream';

/** Generates arrival times. */
export interface ArrivalPattern {
  /**
   * Absolute time (s) of the next arrival, given the time `now` (s) of the previous
   * one (or of the start) and `index`, the number of arrivals so far. Infinity if none.
   * Patterns keep no state between calls, so one pattern can feed several sources.
   */
  next(now: number, rng: RandomStream, index: number): number;
  /** Long-run mean arrival rate, in arrivals per hour. */
  readonly meanRatePerHour: number;
}

function checkRate(name: string, rate: number): void {
  if (!(Number.isFinite(rate) && rate >= 0)) throw new RangeError(`${name}: rate must be a finite number of arrivals per hour >= 0, got ${rate}`);
}

/** Homogeneous Poisson arrivals: exponential interarrival times with mean 3600/ratePerHour seconds. */
export class PoissonArrivals implements ArrivalPattern {
  private readonly meanGap: number;
  constructor(readonly meanRatePerHour: number) {
    checkRate('poisson arrivals', meanRatePerHour);
    this.meanGap = meanRatePerHour > 0 ? HOUR_SECONDS / meanRatePerHour : Infinity;
  }
  next(now: number, rng: RandomStream): number {
    if (this.meanGap === Infinity) return Infinity;
    return now - this.meanGap * Math.log(1 - rng.random());
  }
}

/** Arrivals every `intervalSeconds` exactly, the first at `offsetSeconds` after the start (default: one interval). */
export class DeterministicArrivals implements ArrivalPattern {
  readonly meanRatePerHour: number;
  constructor(
    readonly intervalSeconds: number,
    readonly offsetSeconds = intervalSeconds,
  ) {
    if (!(Number.isFinite(intervalSeconds) && intervalSeconds > 0)) throw new RangeError(`deterministic arrivals: interval must be a finite number of seconds > 0, got ${intervalSeconds}`);
    if (!(Number.isFinite(offsetSeconds) && offsetSeconds >= 0)) throw new RangeError(`deterministic arrivals: offset must be a finite number of seconds >= 0, got ${offsetSeconds}`);
    this.meanRatePerHour = HOUR_SECONDS / intervalSeconds;
  }
  next(now: number, _rng: RandomStream, index: number): number {
    return now + (index === 0 ? this.offsetSeconds : this.intervalSeconds);
  }
}

/**
 * Non-homogeneous Poisson arrivals whose rate follows an hourly profile: 24 rates
 * (arrivals per hour), index 0 for 00:00-01:00, repeating every day (time 0 is
 * midnight). Sampled by thinning (Lewis & Shedler 1979): candidates at the peak
 * rate, each kept with probability rate(t) / peak.
 */
export class HourlyPoissonArrivals implements ArrivalPattern {
  readonly meanRatePerHour: number;
  private readonly rates: Float64Array;
  private readonly peak: number;
  private readonly peakGap: number;
  constructor(ratesPerHour: readonly number[]) {
    if (ratesPerHour.length !== 24) throw new RangeError(`hourly arrivals: need 24 rates (one per hour of the day), got ${ratesPerHour.length}`);
    ratesPerHour.forEach((r, h) => checkRate(`hourly arrivals, hour ${h}`, r));
    this.rates = Float64Array.from(ratesPerHour);
    this.peak = Math.max(...ratesPerHour);
    this.peakGap = this.peak > 0 ? HOUR_SECONDS / this.peak : Infinity;
    this.meanRatePerHour = ratesPerHour.reduce((a, b) => a + b, 0) / 24;
  }
  /** Rate (arrivals per hour) in force at time t (s). */
  rateAt(t: number): number {
    const inDay = t - Math.floor(t / DAY_SECONDS) * DAY_SECONDS;
    return this.rates[Math.min(23, Math.floor(inDay / HOUR_SECONDS))];
  }
  next(now: number, rng: RandomStream): number {
    if (this.peakGap === Infinity) return Infinity;
    let t = now;
    for (;;) {
      t -= this.peakGap * Math.log(1 - rng.random());
      if (rng.random() * this.peak < this.rateAt(t)) return t;
    }
  }
}

/** Constant-rate Poisson arrivals (arrivals per hour). */
export function poissonArrivals(ratePerHour: number): PoissonArrivals {
  return new PoissonArrivals(ratePerHour);
}
/** Arrivals at a fixed interval (s). */
export function deterministicArrivals(intervalSeconds: number, offsetSeconds?: number): DeterministicArrivals {
  return new DeterministicArrivals(intervalSeconds, offsetSeconds);
}
/** Poisson arrivals with a daily profile of 24 hourly rates (arrivals per hour), by thinning. */
export function hourlyPoissonArrivals(ratesPerHour: readonly number[]): HourlyPoissonArrivals {
  return new HourlyPoissonArrivals(ratesPerHour);
}

/** Options of {@link arrivalSource}. */
export interface ArrivalSourceOptions {
  /** Stop after this many arrivals (default: no limit). */
  limit?: number;
  /** No arrivals at or after this time, s (default: none). */
  until?: number;
}

/**
 * Starts a process that calls `onArrival(index)` at each arrival time of
 * `pattern` (index 0, 1, ...), drawing from `rng`. `onArrival` typically starts
 * a customer process: `(i) => env.process(customer(i))`. The process returns
 * the number of arrivals generated.
 */
export function arrivalSource(
  env: Environment,
  pattern: ArrivalPattern,
  rng: RandomStream,
  onArrival: (index: number) => void,
  options: ArrivalSourceOptions = {},
): Process<number> {
  const limit = options.limit ?? Infinity;
  const until = options.until ?? Infinity;
  if (!(limit >= 0)) throw new RangeError(`arrivalSource: limit must be >= 0, got ${limit}`);
  function* source(): ProcessGenerator<number> {
    let n = 0;
    while (n < limit) {
      const t = pattern.next(env.now, rng, n);
      if (!(t < until)) break;
      yield env.timeout(t - env.now);
      onArrival(n++);
    }
    return n;
  }
  return env.process(source());
}
