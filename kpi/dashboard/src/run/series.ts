/**
 * A run's `series` is whatever the simulator chose to keep ("any JSON series for charts"). The
 * runner publishes 15-minute points such as `{t: 900, queueLength: 4.2, waitTime: 130}`, t in
 * simulated seconds; this reads that shape and its usual variants (t/time/minute/at, ISO times,
 * `{mean}` objects, bare numbers) into rows a line chart can draw.
 */
export type SeriesTime = 'sim-seconds' | 'date' | 'index';

export interface ParsedSeries {
  time: SeriesTime;
  rows: Array<{ x: number } & Record<string, number>>;
  queue: string[];
  wait: string[];
  other: string[];
}

const TIME_KEYS: Array<[string, number]> = [['t', 1], ['time', 1], ['at', 1], ['timestamp', 1], ['start', 1], ['bucketStart', 1], ['seconds', 1], ['minute', 60], ['min', 60], ['hour', 3600]];

export function parseSeries(series: readonly unknown[] | null | undefined): ParsedSeries {
  const empty: ParsedSeries = { time: 'index', rows: [], queue: [], wait: [], other: [] };
  if (!series?.length) return empty;
  if (series.every((v) => typeof v === 'number')) {
    return { ...empty, rows: (series as number[]).map((value, x) => ({ x, value })), other: ['value'] };
  }
  const objects = series.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
  if (!objects.length) return empty;
  const timeKey = TIME_KEYS.find(([key]) => objects.every((o) => key in o));
  let time: SeriesTime = 'index';
  const keys = new Set<string>();
  const rows = objects.map((o, i) => {
    let x = i;
    if (timeKey) {
      const raw = o[timeKey[0]];
      if (typeof raw === 'number') {
        x = raw * timeKey[1];
        time = 'sim-seconds';
      } else if (typeof raw === 'string' && !Number.isNaN(Date.parse(raw))) {
        x = Date.parse(raw);
        time = 'date';
      }
    }
    const row: { x: number } & Record<string, number> = { x };
    for (const [key, value] of Object.entries(o)) {
      if (key === timeKey?.[0]) continue;
      const number = typeof value === 'number' ? value : isMean(value) ? value.mean : undefined;
      if (number === undefined || !Number.isFinite(number)) continue;
      row[key] = number;
      keys.add(key);
    }
    return row;
  });
  const all = [...keys];
  const queue = all.filter((k) => /queue|inline|backlog/i.test(k));
  const wait = all.filter((k) => !queue.includes(k) && /wait|delay|sojourn/i.test(k));
  const other = all.filter((k) => !queue.includes(k) && !wait.includes(k));
  return { time, rows: rows.sort((a, b) => a.x - b.x), queue, wait, other };
}

function isMean(value: unknown): value is { mean: number } {
  return typeof value === 'object' && value !== null && typeof (value as { mean?: unknown }).mean === 'number';
}

/** A unit read off a field name: waitMinutes -> min, wait_s / waitSeconds -> s. */
export function unitFromKey(key: string): string {
  if (/min(ute)?s?$/i.test(key) || /_min_|Min[A-Z]/.test(key)) return 'min';
  if (/(_s|Sec(ond)?s?|_sec(onds)?|Seconds)$/.test(key) || /seconds?$/i.test(key)) return 's';
  if (/hours?$|_h$/i.test(key)) return 'h';
  return '';
}

/** "queueLength" -> "Queue length", "wait_time_s" -> "Wait time s". */
export function labelFromKey(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
