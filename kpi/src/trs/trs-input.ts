import { InputReader, present } from '../model/input-reader';
import { KPI_KEY } from '../model/kpi-definition';
import { subjectOf, TRS_BUCKETS, TRS_EVENT_TYPES, TRS_SEGMENT_NAMES, type TrsBucketSize, type TrsEventType, type TrsSegmentName } from './trs-aggregator';

export interface StorableTrsEvent {
  type: TrsEventType;
  subject: string;
  at: string;
  lane: string | null;
}

const ID = /^[\x21-\x7e]{1,100}$/;
const ID_HINT = 'must be 1-100 visible ASCII characters';
const LANE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** One event or an array of them: `{type, at, passageId | truckId | declarationId, lane?}`. */
export function readTrsEvents(input: unknown): StorableTrsEvent[] {
  const r = new InputReader();
  const list = Array.isArray(input) ? (r.array(input, 'body', { min: 1, max: 10_000 }) ?? []) : [input];
  const prefix = (i: number) => (Array.isArray(input) ? `[${i}].` : '');
  const events: StorableTrsEvent[] = [];
  list.forEach((item, i) => {
    const p = prefix(i);
    const body = r.object(item, p.replace(/\.$/, '') || 'body');
    if (!body) return;
    r.known(body, p, ['type', 'at', 'passageId', 'truckId', 'declarationId', 'lane']);
    const type = r.oneOf(body.type, `${p}type`, TRS_EVENT_TYPES);
    const at = r.dateTime(body.at, `${p}at`);
    const passageId = r.string(body.passageId, `${p}passageId`, { max: 100, required: false, pattern: ID, patternHint: ID_HINT });
    const truckId = r.string(body.truckId, `${p}truckId`, { max: 100, required: false, pattern: ID, patternHint: ID_HINT });
    const declarationId = r.string(body.declarationId, `${p}declarationId`, { max: 100, required: false, pattern: ID, patternHint: ID_HINT });
    const lane = r.string(body.lane, `${p}lane`, { max: 64, required: false, pattern: LANE, patternHint: 'must be 1-64 letters, digits and . _ -' }) ?? null;
    if (!type || !at) return;
    const subject = subjectOf({ type, passageId, truckId, declarationId });
    if (!subject) {
      r.fail(`${p}${type === 'lodged' || type === 'risk-result' ? 'declarationId' : 'passageId'}`, type === 'lodged' || type === 'risk-result' ? `is required for a ${type} event` : `is required for a ${type} event (or truckId)`);
      return;
    }
    events.push({ type, subject, at, lane });
  });
  r.throwIfInvalid('KPI.INVALID_TRS_EVENT');
  return events;
}

export interface TrsWindow {
  from: string;
  to: string;
  bucket: TrsBucketSize;
  lane?: string;
}

const BUCKET_MS: Record<TrsBucketSize, number> = { hour: 3_600_000, day: 86_400_000 };
/** Bounds the buckets one answer holds: a month of hours, two years of days. */
const MAX_WINDOW_MS: Record<TrsBucketSize, number> = { hour: 31 * 86_400_000, day: 731 * 86_400_000 };
const DEFAULT_WINDOW_MS: Record<TrsBucketSize, number> = { hour: 86_400_000, day: 30 * 86_400_000 };

/** `from`, `to`, `bucket` (hour | day) and `lane`; by default the last day by hour or last 30 days by day. */
export function readTrsWindow(r: InputReader, source: Record<string, unknown>, now: Date): TrsWindow | undefined {
  const single = (name: string): unknown => (Array.isArray(source[name]) ? r.fail(name, 'must be given once') : source[name] === '' ? undefined : source[name]);
  const bucket = r.oneOf(single('bucket') ?? 'hour', 'bucket', TRS_BUCKETS);
  const lane = r.string(single('lane'), 'lane', { max: 64, required: false, pattern: LANE, patternHint: 'must be 1-64 letters, digits and . _ -' });
  if (!bucket) return undefined;
  const size = BUCKET_MS[bucket];
  const to = single('to') === undefined ? new Date(Math.ceil(now.getTime() / size) * size).toISOString() : r.dateTime(single('to'), 'to');
  const from = single('from') === undefined ? (to ? new Date(Date.parse(to) - DEFAULT_WINDOW_MS[bucket]).toISOString() : undefined) : r.dateTime(single('from'), 'from');
  if (!from || !to) return undefined;
  if (from >= to) return r.fail('from', 'must be before to');
  if (Date.parse(to) - Date.parse(from) > MAX_WINDOW_MS[bucket]) return r.fail('from', `the window may span at most ${MAX_WINDOW_MS[bucket] / 86_400_000} days with bucket=${bucket}`);
  return { from, to, bucket, ...(lane ? { lane } : {}) };
}

/** Time units a TRS segment (seconds) can be recorded in, as seconds per unit. */
export const TIME_UNITS: Readonly<Record<string, number>> = { s: 1, min: 60, h: 3600 };

export interface TrsMeasurementRequest extends TrsWindow {
  initiativeId: string;
  /** Which KPI each segment's hourly or daily mean is recorded as. */
  kpis: Partial<Record<TrsSegmentName, string>>;
}

/** `{initiativeId, from?, to?, bucket?, lane?, kpis: {segment: kpiKey}}`. */
export function readTrsMeasurementRequest(input: unknown, now: Date): TrsMeasurementRequest {
  const r = new InputReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['initiativeId', 'from', 'to', 'bucket', 'lane', 'kpis']);
  const initiativeId = r.string(body.initiativeId, 'initiativeId', { max: 36, pattern: /^[0-9a-f-]{36}$/i, patternHint: 'must be a UUID' })?.toLowerCase();
  const window = readTrsWindow(r, body, now);
  const kpis: Partial<Record<TrsSegmentName, string>> = {};
  const map = r.object(body.kpis, 'kpis');
  if (map) {
    if (Object.keys(map).length === 0) r.fail('kpis', 'must map at least one segment to a KPI key');
    for (const [segment, key] of Object.entries(map)) {
      if (!(TRS_SEGMENT_NAMES as readonly string[]).includes(segment)) {
        r.fail(`kpis.${segment}`, `is not a TRS segment (one of ${TRS_SEGMENT_NAMES.join(', ')})`);
        continue;
      }
      const kpi = r.string(key, `kpis.${segment}`, { max: 64, pattern: KPI_KEY, patternHint: 'must be a KPI key' });
      if (kpi) kpis[segment as TrsSegmentName] = kpi;
    }
  }
  r.throwIfInvalid('KPI.INVALID_TRS_REQUEST');
  return { initiativeId: present(initiativeId), ...present(window), kpis };
}

/** GET /api/kpi/trs query string into a window, with a 400 naming any bad parameter. */
export function parseTrsQuery(query: Record<string, unknown>, now: Date): TrsWindow {
  const r = new InputReader();
  r.known(query, '', ['from', 'to', 'bucket', 'lane']);
  const window = readTrsWindow(r, query, now);
  r.throwIfInvalid('KPI.INVALID_QUERY');
  return present(window);
}
