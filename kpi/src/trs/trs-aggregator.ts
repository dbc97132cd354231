/**
 * WCO Time Release Study segments from timestamped events, pure: no clock, no database. The
 * lanes and declarations contexts emit the events; this turns them into the segment durations a
 * manager compares with the baseline, per hour or day.
 */

export const TRS_EVENT_TYPES = ['lodged', 'risk-result', 'arrival', 'read', 'recommendation', 'decision', 'referral', 'secondary-done'] as const;
export type TrsEventType = (typeof TRS_EVENT_TYPES)[number];

/**
 * One observed step. Declaration steps (lodged, risk-result) are keyed by declarationId; lane steps
 * by passageId, or truckId when the lane has no passage id yet.
 */
export interface TrsEvent {
  type: TrsEventType;
  /** ISO 8601 instant. */
  at: string;
  passageId?: string;
  truckId?: string;
  declarationId?: string;
  /** PIL lane, e.g. a dedicated trusted-trader lane; lets a breakdown look at one lane. */
  lane?: string;
}

export const DECLARATION_EVENT_TYPES: readonly TrsEventType[] = ['lodged', 'risk-result'];

export interface TrsSegmentDefinition {
  name: TrsSegmentName;
  label: string;
  start: TrsEventType;
  end: TrsEventType;
  /** Set on the PIL sub-segments, whose means stack up to the PIL total on the dashboard. */
  stackedIn: 'pil-total' | null;
}

export const TRS_SEGMENT_NAMES = ['lodging-to-risk-result', 'arrival-to-first-read', 'first-read-to-recommendation', 'recommendation-to-decision', 'pil-total', 'referral-to-secondary-done'] as const;
export type TrsSegmentName = (typeof TRS_SEGMENT_NAMES)[number];

export const TRS_SEGMENTS: readonly TrsSegmentDefinition[] = [
  { name: 'lodging-to-risk-result', label: 'Lodging to risk result', start: 'lodged', end: 'risk-result', stackedIn: null },
  { name: 'arrival-to-first-read', label: 'Arrival to first read', start: 'arrival', end: 'read', stackedIn: 'pil-total' },
  { name: 'first-read-to-recommendation', label: 'First read to recommendation', start: 'read', end: 'recommendation', stackedIn: 'pil-total' },
  { name: 'recommendation-to-decision', label: 'Recommendation to decision', start: 'recommendation', end: 'decision', stackedIn: 'pil-total' },
  { name: 'pil-total', label: 'PIL total (arrival to decision)', start: 'arrival', end: 'decision', stackedIn: null },
  { name: 'referral-to-secondary-done', label: 'Referral to secondary done', start: 'referral', end: 'secondary-done', stackedIn: null },
];

/** One completed segment of one truck or declaration. */
export interface TrsSample {
  segment: TrsSegmentName;
  subject: string;
  start: string;
  end: string;
  seconds: number;
  lane: string | null;
}

/** A segment that has started and not ended yet (a truck still at the booth or in secondary). */
export interface OpenSegment {
  segment: TrsSegmentName;
  subject: string;
  start: string;
  lane: string | null;
}

/** The key events are correlated by: a declaration, or a passage (a truck's one crossing). */
export function subjectOf(event: Pick<TrsEvent, 'type' | 'passageId' | 'truckId' | 'declarationId'>): string | undefined {
  if (DECLARATION_EVENT_TYPES.includes(event.type)) return event.declarationId ? `declaration:${event.declarationId}` : undefined;
  if (event.passageId) return `passage:${event.passageId}`;
  if (event.truckId) return `truck:${event.truckId}`;
  return undefined;
}

/**
 * Pairs events into segment samples. Per subject and segment, events are walked in time order: a
 * start opens the segment unless it is already open (so repeated RFID and plate reads count from
 * the first), and the next end closes it. Walking in order rather than taking the first start and
 * last end keeps a truck id's separate crossings apart. Open segments are counted, not sampled.
 */
export function segmentSamples(events: readonly TrsEvent[]): { samples: TrsSample[]; open: OpenSegment[] } {
  const bySubject = new Map<string, Array<TrsEvent & { time: number }>>();
  for (const event of events) {
    const subject = subjectOf(event);
    const time = Date.parse(event.at);
    if (!subject || Number.isNaN(time)) continue;
    const list = bySubject.get(subject) ?? [];
    list.push({ ...event, time });
    bySubject.set(subject, list);
  }
  const samples: TrsSample[] = [];
  const open: OpenSegment[] = [];
  for (const [subject, list] of bySubject) {
    // Stable order: by time, then by the segment order of the type, so an arrival and a read
    // stamped in the same millisecond still pair as arrival -> read.
    list.sort((a, b) => a.time - b.time || TRS_EVENT_TYPES.indexOf(a.type) - TRS_EVENT_TYPES.indexOf(b.type));
    // A passage is one crossing: once its segment is done, later reads (an exit camera) start nothing.
    const once = subject.startsWith('passage:');
    for (const segment of TRS_SEGMENTS) {
      let started: (TrsEvent & { time: number }) | undefined;
      let done = false;
      for (const event of list) {
        if (event.type === segment.start && !started && !(once && done)) started = event;
        else if (event.type === segment.end && started) {
          samples.push({
            segment: segment.name,
            subject,
            start: new Date(started.time).toISOString(),
            end: new Date(event.time).toISOString(),
            seconds: (event.time - started.time) / 1000,
            lane: started.lane ?? event.lane ?? null,
          });
          started = undefined;
          done = true;
        }
      }
      if (started) open.push({ segment: segment.name, subject, start: new Date(started.time).toISOString(), lane: started.lane ?? null });
    }
  }
  return { samples, open };
}

export interface SegmentStats {
  n: number;
  /** Seconds; null when there is no sample. */
  mean: number | null;
  p50: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
  /** Sample standard deviation, seconds; null below two samples. */
  sd: number | null;
}

/** Percentile by linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no values');
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function segmentStats(seconds: readonly number[]): SegmentStats {
  const n = seconds.length;
  if (n === 0) return { n: 0, mean: null, p50: null, p90: null, min: null, max: null, sd: null };
  const sorted = [...seconds].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(sorted.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1)) : null;
  return { n, mean: round(mean), p50: round(percentile(sorted, 0.5)), p90: round(percentile(sorted, 0.9)), min: round(sorted[0]), max: round(sorted[n - 1]), sd: sd === null ? null : round(sd) };
}

export const TRS_BUCKETS = ['hour', 'day'] as const;
export type TrsBucketSize = (typeof TRS_BUCKETS)[number];

export interface TrsBucket {
  start: string;
  end: string;
  segments: Record<TrsSegmentName, SegmentStats>;
}

export interface TrsBreakdown {
  bucket: TrsBucketSize;
  from: string;
  to: string;
  unit: 's';
  lane: string | null;
  segments: readonly TrsSegmentDefinition[];
  /** Every bucket in [from, to), empty ones included, so a chart's time axis has no gaps. */
  buckets: TrsBucket[];
  totals: Record<TrsSegmentName, SegmentStats>;
  /** Segments started in the window and not finished (trucks still at the PIL or in secondary). */
  open: Record<TrsSegmentName, number>;
}

const BUCKET_MS: Record<TrsBucketSize, number> = { hour: 3_600_000, day: 86_400_000 };

/** The UTC hour or day an instant falls in. */
export function bucketStart(time: number, bucket: TrsBucketSize): number {
  return Math.floor(time / BUCKET_MS[bucket]) * BUCKET_MS[bucket];
}

/**
 * Segments started in [from, to), grouped by the UTC hour or day they started in (so one truck's
 * sub-segments land in the same bar), with mean, median, 90th percentile and count per segment.
 */
export function aggregateTrs(events: readonly TrsEvent[], options: { from: string; to: string; bucket: TrsBucketSize; lane?: string }): TrsBreakdown {
  const from = Date.parse(options.from);
  const to = Date.parse(options.to);
  const inWindow = (iso: string) => {
    const t = Date.parse(iso);
    return t >= from && t < to;
  };
  const { samples, open } = segmentSamples(options.lane ? events.filter((e) => e.lane === undefined || e.lane === options.lane) : events);
  const wanted = (s: { start: string; lane: string | null }) => inWindow(s.start) && (!options.lane || s.lane === options.lane);
  const chosen = samples.filter(wanted);
  const openCounts = emptyRecord(() => 0);
  for (const segment of open.filter(wanted)) openCounts[segment.segment] += 1;
  const size = BUCKET_MS[options.bucket];
  const buckets: Array<{ start: number; seconds: Record<TrsSegmentName, number[]> }> = [];
  for (let start = bucketStart(from, options.bucket); start < to; start += size) {
    buckets.push({ start, seconds: emptyRecord(() => []) });
  }
  const first = buckets[0]?.start ?? 0;
  for (const sample of chosen) {
    const index = Math.floor((bucketStart(Date.parse(sample.start), options.bucket) - first) / size);
    buckets[index]?.seconds[sample.segment].push(sample.seconds);
  }
  const totals = emptyRecord<number[]>(() => []);
  for (const sample of chosen) totals[sample.segment].push(sample.seconds);
  return {
    bucket: options.bucket,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    unit: 's',
    lane: options.lane ?? null,
    segments: TRS_SEGMENTS,
    buckets: buckets.map((b) => ({
      start: new Date(b.start).toISOString(),
      end: new Date(b.start + size).toISOString(),
      segments: mapRecord(b.seconds, segmentStats),
    })),
    totals: mapRecord(totals, segmentStats),
    open: openCounts,
  };
}

function emptyRecord<T>(make: () => T): Record<TrsSegmentName, T> {
  return Object.fromEntries(TRS_SEGMENT_NAMES.map((name) => [name, make()])) as Record<TrsSegmentName, T>;
}

function mapRecord<A, B>(record: Record<TrsSegmentName, A>, f: (a: A) => B): Record<TrsSegmentName, B> {
  return Object.fromEntries(TRS_SEGMENT_NAMES.map((name) => [name, f(record[name])])) as Record<TrsSegmentName, B>;
}
