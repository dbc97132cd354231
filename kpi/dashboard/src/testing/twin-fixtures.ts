import type { TwinAccuracyReport, TwinActualPoint, TwinBand, TwinForecastPoint, TwinForecastView, TwinWhatIfOption, TwinWhatIfResult } from '../api/types';

const MINUTE = 60_000;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** [start, end) of each bucket from `from` to `to`: the first starts at `from`, the rest on the clock's multiples of `size`, as the twin cuts them. */
function buckets(from: number, to: number, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let t = from; t < to; t = (Math.floor(t / size) + 1) * size) out.push([t, Math.min(to, (Math.floor(t / size) + 1) * size)]);
  return out;
}

/**
 * A band around `mean` with spread `sd`, skewed a little upwards like a queue's (the median under
 * the mean), clipped at zero: 80% within ±1.28 sd, 95% within ±1.96 sd.
 */
export function band(mean: number, sd: number, n = 200): TwinBand {
  const at = (z: number) => Math.max(0, round(mean + z * sd));
  return { mean: round(mean), p50: round(mean - 0.1 * sd), pi80: [at(-1.28), at(1.28)], pi95: [at(-1.96), at(1.96)], n };
}

export interface TwinForecastOptions {
  /** The live state's time; local time keeps the HH:MM the tests read the same in every zone. */
  stateAt?: Date;
  hours?: number;
  bucketMinutes?: number;
  /** How long after the state's time the page is looked at: the actual series runs up to then. */
  minutesSinceState?: number;
}

/**
 * A plausible forecast view: a morning peak building over the first hour and easing after, waits of
 * about 90 s per truck queued, throughput near two booths' capacity, the fan widening with the
 * horizon; and an actual series from 3 h before the state's time that wobbles around the same path.
 */
export function twinForecastView({ stateAt = new Date(2026, 10, 25, 8, 0), hours = 2, bucketMinutes = 15, minutesSinceState = 30 }: TwinForecastOptions = {}): TwinForecastView {
  const state = stateAt.getTime();
  const size = bucketMinutes * MINUTE;
  const end = state + hours * 60 * MINUTE;
  const queueAt = (minutes: number) => 6 + 4 * Math.sin(((minutes + 60) / 240) * Math.PI);
  const points: TwinForecastPoint[] = buckets(state, end, size).map(([from, to]) => {
    const ahead = (to - state) / MINUTE;
    const widen = 1 + ahead / 60;
    const queue = queueAt(ahead);
    return {
      at: new Date(from).toISOString(),
      minutes_ahead: ahead,
      queue_length: band(queue, 1.2 * widen),
      wait_s: band(queue * 90, 70 * widen),
      throughput_per_hour: band(44 - queue / 2, 3 * widen),
    };
  });
  const actual: TwinActualPoint[] = buckets(state - 3 * 60 * MINUTE, state + minutesSinceState * MINUTE, size).map(([from]) => {
    const minutes = (from - state) / MINUTE;
    const queue = round(queueAt(minutes) + Math.sin(minutes / 17), 2);
    // The first bucket is the quiet early morning: no truck started its PIL, so no wait.
    const wait = minutes === -180 ? null : round(queue * 88 + 10 * Math.cos(minutes / 11));
    return { at: new Date(from).toISOString(), queue_length: queue, wait_s: wait, throughput_per_hour: round(43 - queue / 2 + Math.sin(minutes / 23), 1) };
  });
  const mean = (pick: (p: TwinForecastPoint) => TwinBand) => points.reduce((s, p) => s + pick(p).mean, 0) / points.length;
  return {
    id: 'f-2026-11-25T08',
    made_at: new Date(state + 2 * MINUTE).toISOString(),
    state_at: stateAt.toISOString(),
    hours,
    forecast: {
      scenario: 'twin-calibrated',
      state_at: stateAt.toISOString(),
      hours,
      replications: 200,
      seed: 29_480_160,
      bucket_minutes: bucketMinutes,
      lanes_open: { standard: 2, trusted: 1 },
      action: 'none',
      points,
      summary: {
        wait_s: band(mean((p) => p.wait_s as TwinBand), 60),
        queue_length: band(mean((p) => p.queue_length), 1),
        throughput_per_hour: band(mean((p) => p.throughput_per_hour), 2),
      },
      wall_ms: 840,
    },
    actual,
  };
}

function option(action: string, label: string, cost: number, wait: number, target: number, lanes: Record<string, number>): TwinWhatIfOption {
  const summary = { wait_s: band(wait, wait / 4), queue_length: band(wait / 90, wait / 360), throughput_per_hour: band(44 + cost * 8, 3) };
  return { action, label, cost, meets_target: (summary.wait_s?.pi80[1] ?? 0) <= target, lanes_open: lanes, summary };
}

/** Keeping the lanes misses the target; opening a lane with a free officer meets it, calling one in too. */
export function whatIfResult({ hours = 2, targetWaitS = 600 }: { hours?: number; targetWaitS?: number } = {}): TwinWhatIfResult {
  const options = [
    option('none', 'Keep the lanes as they are', 0, 720, targetWaitS, { standard: 2, trusted: 1 }),
    option('open:standard', 'Open standard lane PIL-4 (an officer on duty is free)', 1, 310, targetWaitS, { standard: 3, trusted: 1 }),
    option('add_officer:mixed', 'Call in an officer to open mixed lane PIL-5', 2, 280, targetWaitS, { standard: 2, trusted: 1, mixed: 1 }),
    option('close:trusted', 'Close trusted lane PIL-3 (its queue moves to the other lanes)', -1, 1350, targetWaitS, { standard: 2 }),
  ];
  return {
    state_at: new Date(2026, 10, 25, 8, 30).toISOString(),
    hours,
    replications: 200,
    target_wait_s: targetWaitS,
    recommended: 'open:standard',
    reason: 'Open standard lane PIL-4 (an officer on duty is free): mean wait 5.2 min (80% up to 7.6 min) meets the 10 min target and nothing cheaper does',
    options,
  };
}

/** Forecasts scored at four horizons: errors growing with the horizon, 80% intervals a little narrow. */
export function accuracyReport(): TwinAccuracyReport {
  const by_horizon = [15, 30, 45, 60].map((minutes, k) => ({
    minutes_ahead: minutes, n: 12 - k * 2, wait_mae_s: 60 + k * 35, queue_mae: 0.8 + k * 0.4, throughput_mae: 3 + k, pi80_coverage: 0.78 - k * 0.03, pi95_coverage: 0.95 - k * 0.02,
  }));
  return {
    scored_at: new Date(2026, 10, 25, 8, 2).toISOString(),
    forecasts: 12,
    by_horizon,
    overall: { n: 36, wait_mae_s: 101.4, queue_mae: 1.3, throughput_mae: 4.1, pi80_coverage: 0.72, pi95_coverage: 0.93 },
  };
}
