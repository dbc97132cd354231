import type { TwinActualPoint, TwinBand, TwinForecastPoint, TwinForecastView } from '../api/types';
import type { FanRow } from '../charts/fan-chart';

/** The three quantities the twin forecasts, named as the API names them. */
export type TwinMetric = 'wait_s' | 'queue_length' | 'throughput_per_hour';

export const METRICS: ReadonlyArray<{ key: TwinMetric; title: string; unit: string; what: string }> = [
  { key: 'wait_s', title: 'PIL wait', unit: 's', what: 'mean wait for the PIL of the trucks whose PIL starts in each bucket, in seconds' },
  { key: 'queue_length', title: 'Queue length', unit: 'trucks', what: 'time-average trucks waiting for the PIL' },
  { key: 'throughput_per_hour', title: 'Throughput', unit: 'trucks/h', what: 'PIL decisions per hour' },
];

/** A row of the chart and of its table: a bucket start of the forecast, of the actual series, or both. */
export interface TwinFanRow extends FanRow {
  /** Minutes from the state's time to the end of the forecast bucket starting here; null before the forecast. */
  minutesAhead: number | null;
  band: TwinBand | null;
  /** The actual bucket starting exactly here (the chart's `actual` also covers a forecast bucket starting inside one). */
  measured: number | null;
}

/**
 * Forecast and actual buckets on one time axis. Both are clock-aligned in the forecast's bucket size,
 * but the forecast's first bucket starts at the state's time, which may fall inside an actual bucket:
 * each row takes the value of the bucket of either series that covers it, so neither line breaks there.
 */
export function fanRows(view: TwinForecastView, metric: TwinMetric): TwinFanRow[] {
  const size = view.forecast.bucket_minutes * 60_000;
  const points = [...view.forecast.points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const actual = [...view.actual].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const times = [...new Set([...points, ...actual].map((p) => Date.parse(p.at)).filter(Number.isFinite))].sort((a, b) => a - b);
  const covering = <P extends { at: string }>(list: readonly P[], t: number): P | undefined => {
    let found: P | undefined;
    for (const p of list) {
      const start = Date.parse(p.at);
      if (start > t) break;
      found = p;
    }
    return found && t < bucketEnd(list, found, size) ? found : undefined;
  };
  return times.map((t) => {
    const point = covering<TwinForecastPoint>(points, t);
    const bucket = covering<TwinActualPoint>(actual, t);
    const band = point ? point[metric] : null;
    const exact = bucket && Date.parse(bucket.at) === t ? bucket : undefined;
    return {
      t,
      pi95: band ? band.pi95 : null,
      pi80: band ? band.pi80 : null,
      median: band ? band.p50 : null,
      actual: bucket ? bucket[metric] : null,
      minutesAhead: point && Date.parse(point.at) === t ? point.minutes_ahead : null,
      band: point && Date.parse(point.at) === t ? band : null,
      measured: exact ? exact[metric] : null,
      hasActual: exact !== undefined,
    };
  });
}

/** Where a bucket ends: the next one's start, or one bucket size on (the last may be cut short; it is drawn to its start only). */
function bucketEnd<P extends { at: string }>(list: readonly P[], p: P, size: number): number {
  const next = list[list.indexOf(p) + 1];
  return next ? Date.parse(next.at) : Date.parse(p.at) + size;
}
