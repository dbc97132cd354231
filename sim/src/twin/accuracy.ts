// What actually happened, bucket by bucket, from telemetry; and past forecasts scored against it:
// mean absolute error per horizon and how often the prediction intervals held the outcome.
import { visitsOf, type Visit } from './calibrate';
import type { Band, Forecast, TelemetryEvent } from './types';
import { round } from '../stats/summary';

export interface ActualPoint {
  /** Bucket start (ISO 8601, clock-aligned; the first bucket starts at `from`). */
  at: string;
  /** Time-average trucks between arrival and PIL start (null without arrival events). */
  queue_length: number | null;
  /** Mean PIL wait of trucks whose PIL started in the bucket (null: none did, or no arrivals known). */
  wait_s: number | null;
  throughput_per_hour: number;
}

/** The crossing's queue, waits and throughput per bucket between `from` and `to`. */
export function actualSeries(events: readonly TelemetryEvent[], from: string, to: string, bucketMinutes: number): ActualPoint[] {
  return actualOfVisits(visitsOf(events), from, to, bucketMinutes);
}

function actualOfVisits(visits: readonly Visit[], from: string, to: string, bucketMinutes: number): ActualPoint[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(Number.isFinite(start) && Number.isFinite(end)) || end <= start) return [];
  const size = bucketMinutes * 60_000;
  const first = Math.floor(start / size);
  const last = Math.ceil(end / size) - 1;
  const n = last - first + 1;
  const queueArea = new Array<number>(n).fill(0);
  const waitSum = new Array<number>(n).fill(0);
  const waitCount = new Array<number>(n).fill(0);
  const completions = new Array<number>(n).fill(0);
  const hasArrivals = visits.some((v) => v.arrival !== null);
  const index = (t: number) => Math.floor(t / size) - first;
  for (const v of visits) {
    if (v.pilEnd !== null && v.pilEnd >= start && v.pilEnd < end) completions[index(v.pilEnd)]++;
    if (v.arrival === null) continue;
    const leftQueue = v.pilStart ?? end;
    if (v.pilStart !== null && v.pilStart >= start && v.pilStart < end) {
      waitSum[index(v.pilStart)] += (v.pilStart - v.arrival) / 1000;
      waitCount[index(v.pilStart)]++;
    }
    // The truck's time in the queue, spread over the buckets it overlaps.
    for (let t = Math.max(start, v.arrival); t < Math.min(end, leftQueue); ) {
      const next = Math.min(end, leftQueue, (Math.floor(t / size) + 1) * size);
      queueArea[index(t)] += (next - t) / 1000;
      t = next;
    }
  }
  const out: ActualPoint[] = [];
  for (let k = 0; k < n; k++) {
    const b0 = Math.max(start, (first + k) * size);
    const b1 = Math.min(end, (first + k + 1) * size);
    const seconds = (b1 - b0) / 1000;
    out.push({
      at: new Date(b0).toISOString(),
      queue_length: hasArrivals ? round(queueArea[k] / seconds, 3) : null,
      wait_s: waitCount[k] > 0 ? round(waitSum[k] / waitCount[k], 3) : null,
      throughput_per_hour: round((completions[k] / seconds) * 3600, 3),
    });
  }
  return out;
}

export interface AccuracyRow {
  n: number;
  wait_mae_s: number | null;
  queue_mae: number | null;
  throughput_mae: number | null;
  /** Share of outcomes (queue, wait, throughput) inside the 80% / 95% prediction intervals. */
  pi80_coverage: number | null;
  pi95_coverage: number | null;
}

export interface AccuracyReport {
  forecasts: number;
  /** By steps ahead: `minutes_ahead` is the end of the bucket k steps after the forecast's time. */
  by_horizon: Array<AccuracyRow & { minutes_ahead: number }>;
  overall: AccuracyRow;
}

/**
 * Scores forecasts against telemetry: every bucket that has ended by `now` counts, at its step
 * ahead (1 = the forecast's first bucket). Errors are against the forecast mean.
 */
export function scoreForecasts(forecasts: readonly Forecast[], events: readonly TelemetryEvent[], now: string): AccuracyReport {
  const nowMs = Date.parse(now);
  // Visits are assembled once; each forecast reads its own window of them.
  const visits = visitsOf(events);
  type Acc = { n: number; wait: number[]; queue: number[]; throughput: number[]; in80: number; in95: number; checks: number };
  const blank = (): Acc => ({ n: 0, wait: [], queue: [], throughput: [], in80: 0, in95: 0, checks: 0 });
  const bySteps = new Map<number, { minutes: number; acc: Acc }>();
  const overall = blank();
  let scored = 0;
  for (const f of forecasts) {
    const size = f.bucket_minutes * 60_000;
    const forecastEnd = Date.parse(f.state_at) + f.hours * 3_600_000;
    const bucketEnd = (at: string) => Math.min(forecastEnd, (Math.floor(Date.parse(at) / size) + 1) * size);
    const done = f.points.filter((p) => bucketEnd(p.at) <= nowMs);
    if (done.length === 0) continue;
    const endOfDone = bucketEnd(done[done.length - 1].at);
    const actual = new Map(actualOfVisits(visits, f.state_at, new Date(endOfDone).toISOString(), f.bucket_minutes).map((a) => [a.at, a]));
    scored++;
    done.forEach((p, k) => {
      const a = actual.get(p.at);
      if (!a) return;
      const step = k + 1;
      const row = bySteps.get(step) ?? { minutes: step * f.bucket_minutes, acc: blank() };
      bySteps.set(step, row);
      for (const acc of [row.acc, overall]) {
        acc.n++;
        const check = (band: Band | null, value: number | null, errors: number[]) => {
          if (band === null || value === null) return;
          errors.push(Math.abs(band.mean - value));
          acc.checks++;
          if (value >= band.pi80[0] && value <= band.pi80[1]) acc.in80++;
          if (value >= band.pi95[0] && value <= band.pi95[1]) acc.in95++;
        };
        check(p.queue_length, a.queue_length, acc.queue);
        check(p.wait_s, a.wait_s, acc.wait);
        check(p.throughput_per_hour, a.throughput_per_hour, acc.throughput);
      }
    });
  }
  const mean = (xs: number[]) => (xs.length > 0 ? round(xs.reduce((s, x) => s + x, 0) / xs.length, 3) : null);
  const row = (acc: Acc): AccuracyRow => ({
    n: acc.n,
    wait_mae_s: mean(acc.wait),
    queue_mae: mean(acc.queue),
    throughput_mae: mean(acc.throughput),
    pi80_coverage: acc.checks > 0 ? round(acc.in80 / acc.checks, 4) : null,
    pi95_coverage: acc.checks > 0 ? round(acc.in95 / acc.checks, 4) : null,
  });
  return {
    forecasts: scored,
    by_horizon: [...bySteps.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => ({ minutes_ahead: r.minutes, ...row(r.acc) })),
    overall: row(overall),
  };
}
