import { InputReader } from './input-reader';
import type { KpiDefinition } from './kpi-definition';

export const MEASUREMENT_SOURCES = ['simulation', 'live', 'manual'] as const;
/** simulation: a published simulator run; live: telemetry such as TRS segments; manual: keyed in. */
export type MeasurementSource = (typeof MEASUREMENT_SOURCES)[number];

/** A 95% confidence interval [lo, hi]. */
export type Interval = [number, number];

export interface NewMeasurement {
  kpi: string;
  value: number;
  ci95: Interval | null;
  /** Sample size behind the value (replications, trucks). */
  n: number | null;
  source: MeasurementSource;
  runId: string | null;
  /** Which iteration of the prototype or pilot this measures, e.g. "prototype #3". */
  iteration: string | null;
  /** When the measured period ended or the run was made (ISO 8601). */
  at: string;
  note: string | null;
}

export interface MeasurementView extends NewMeasurement {
  id: string;
  initiativeId: string;
  unit: string;
  recordedAt: string;
  recordedBy: string;
}

/** Run ids appear in URLs (GET /api/kpi/runs/:runId) and CSV: keep them to a safe alphabet. */
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/;
export const RUN_ID_HINT = 'must be 1-128 letters, digits and . _ : @ + - (starting with a letter or digit)';

/** A measurement more than a day ahead of the server clock is a typo, not a measurement. */
const FUTURE_TOLERANCE_MS = 24 * 3600_000;

const FIELDS = ['kpi', 'value', 'ci95', 'n', 'unit', 'source', 'runId', 'iteration', 'at', 'note'] as const;

/** Other names callers reach for; accepted, and reported under the name they used. */
const ALIASES: Readonly<Record<string, (typeof FIELDS)[number]>> = { time: 'at', timestamp: 'at', run: 'runId', iterationLabel: 'iteration' };

/** Renames aliased fields to their canonical names; `field` maps canonical names back for error paths. */
function canonical(r: InputReader, body: Record<string, unknown>, prefix: string): { body: Record<string, unknown>; field: (name: string) => string } {
  const out: Record<string, unknown> = {};
  const used: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const name = ALIASES[key] ?? key;
    if (name in out) {
      r.fail(`${prefix}${key}`, `gives ${name} a second time`);
      continue;
    }
    out[name] = value;
    if (name !== key) used[name] = key;
  }
  return { body: out, field: (name) => `${prefix}${used[name] ?? name}` };
}

/**
 * Reads one measurement at `prefix` (e.g. '[3].'), checking it against the initiative's KPIs: the
 * key must exist, a unit (when given) must be the KPI's, the value finite, and a CI must be ordered
 * and contain the value.
 */
export function readMeasurement(r: InputReader, input: unknown, prefix: string, kpis: ReadonlyMap<string, KpiDefinition>, now: Date): NewMeasurement | undefined {
  const raw = r.object(input, prefix.replace(/\.$/, ''));
  if (!raw) return undefined;
  const errorsBefore = r.errors.length;
  const { body, field } = canonical(r, raw, prefix);
  r.known(body, prefix, FIELDS);
  const key = r.string(body.kpi, field('kpi'), { max: 64 });
  const kpi = key === undefined ? undefined : kpis.get(key);
  if (key !== undefined && !kpi) {
    r.fail(field('kpi'), `is not a KPI of this initiative (known: ${[...kpis.keys()].join(', ') || 'none yet'})`);
  }
  const value = r.number(body.value, field('value'));
  const unit = r.string(body.unit, field('unit'), { max: 32, required: false });
  if (kpi && unit !== undefined && unit !== kpi.unit) r.fail(field('unit'), `must be the KPI's unit "${kpi.unit}", got "${unit}"`);
  const ci95 = readInterval(r, body.ci95, field('ci95'), value);
  const n = r.number(body.n, field('n'), { min: 1, max: 2_147_483_647, integer: true, required: false }) ?? null;
  const source = r.oneOf(body.source ?? 'manual', field('source'), MEASUREMENT_SOURCES);
  const runId = r.string(body.runId, field('runId'), { max: 128, required: false, pattern: RUN_ID, patternHint: RUN_ID_HINT }) ?? null;
  const iteration = r.string(body.iteration, field('iteration'), { max: 128, required: false }) ?? null;
  const at = body.at === undefined || body.at === null ? now.toISOString() : r.dateTime(body.at, field('at'));
  if (at !== undefined && Date.parse(at) > now.getTime() + FUTURE_TOLERANCE_MS) r.fail(field('at'), 'must not be in the future');
  const note = r.string(body.note, field('note'), { max: 1000, required: false }) ?? null;
  if (r.errors.length > errorsBefore || !kpi || value === undefined || source === undefined || at === undefined || ci95 === undefined) return undefined;
  return { kpi: kpi.key, value, ci95, n, source, runId, iteration, at, note };
}

/**
 * One measurement or an array of them (a batch is all-or-nothing, so every element is checked
 * before anything is written). Throws a 400 naming each bad field, e.g. `[2].ci95`.
 */
export function readMeasurements(input: unknown, kpis: ReadonlyMap<string, KpiDefinition>, now: Date): { items: NewMeasurement[]; batch: boolean } {
  const r = new InputReader();
  if (Array.isArray(input)) {
    const list = r.array(input, 'body', { min: 1, max: 5000 }) ?? [];
    const items = list.map((item, i) => readMeasurement(r, item, `[${i}].`, kpis, now));
    r.throwIfInvalid();
    return { items: items as NewMeasurement[], batch: true };
  }
  const item = readMeasurement(r, input, '', kpis, now);
  r.throwIfInvalid();
  return { items: [item as NewMeasurement], batch: false };
}

/** [lo, hi] with lo <= hi and, when the value is known, lo <= value <= hi. */
export function readInterval(r: InputReader, input: unknown, field: string, value: number | undefined): Interval | null | undefined {
  if (input === undefined || input === null) return null;
  const list = r.array(input, field, { min: 2, max: 2 });
  if (!list) return undefined;
  const lo = r.number(list[0], `${field}[0]`);
  const hi = r.number(list[1], `${field}[1]`);
  if (lo === undefined || hi === undefined) return undefined;
  if (lo > hi) return r.fail(field, `must be [lo, hi] with lo <= hi, got [${lo}, ${hi}]`);
  if (value !== undefined && (value < lo || value > hi)) return r.fail(field, `must contain the value ${value}, got [${lo}, ${hi}]`);
  return [lo, hi];
}
