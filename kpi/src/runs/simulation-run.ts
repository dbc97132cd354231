import { createHash } from 'node:crypto';
import { InputReader, present } from '../model/input-reader';
import type { KpiDefinition } from '../model/kpi-definition';
import { readInterval, RUN_ID, RUN_ID_HINT, type Interval, type NewMeasurement } from '../model/measurement';

/**
 * A KPI summary from a simulation run: the mean over replications and its 95% CI. The simulator's
 * own interval shape ({n, mean, sd, halfWidth, lower, upper, level}) is accepted as well: without
 * `ci95`, [lower, upper] is used when the level is 0.95.
 */
export interface RunKpi {
  mean: number;
  ci95?: Interval | null;
  unit?: string | null;
  /** Replications behind the mean. */
  n?: number | null;
  sd?: number | null;
  halfWidth?: number | null;
  lower?: number | null;
  upper?: number | null;
  level?: number | null;
  min?: number | null;
  max?: number | null;
}

/** Optional statistics kept in the run record as they came (finite numbers or null). */
const RUN_KPI_STATS = ['sd', 'halfWidth', 'lower', 'upper', 'level', 'min', 'max'] as const;

/** What the simulator's `--publish` sends (in process through PublishSimulationRun, or POST /api/kpi/runs). */
export interface SimulationRunInput {
  runId: string;
  /** The initiative whose KPIs with the same keys receive the run's KPIs as measurements. */
  initiativeId?: string | null;
  scenario: string;
  iteration?: string | null;
  /** When the run was made (ISO 8601); defaults to the time it is published. */
  at?: string | null;
  kpis: Record<string, RunKpi>;
  /** Whatever series the dashboard should chart (e.g. per-replication values, queue length over time). */
  series?: unknown[] | null;
  replications?: number | null;
  seed?: number | string | null;
  /** Anything else worth keeping with the run (scenario parameters, versions); JSON object. */
  meta?: Record<string, unknown> | null;
}

export interface SimulationRun {
  runId: string;
  initiativeId: string | null;
  scenario: string;
  iteration: string | null;
  at: string | null;
  kpis: Record<string, { mean: number; ci95: Interval | null; unit: string | null; n: number | null } & Partial<Record<(typeof RUN_KPI_STATS)[number], number | null>>>;
  series: unknown[] | null;
  /** replications, seed and meta, when given. */
  meta: { replications?: number; seed?: number | string; meta?: Record<string, unknown> } | null;
}

const FIELDS = ['runId', 'initiativeId', 'scenario', 'iteration', 'at', 'kpis', 'series', 'replications', 'seed', 'meta'] as const;
const KPI_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Series are stored as they come; this bounds a single run record. */
const MAX_SERIES_CHARS = 4 * 1024 * 1024;

/** Validates a run record, with paths such as `kpis.pilTime.ci95`. */
export function readSimulationRun(input: unknown): SimulationRun {
  const r = new InputReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', FIELDS);
  const runId = r.string(body.runId, 'runId', { max: 128, pattern: RUN_ID, patternHint: RUN_ID_HINT });
  const initiativeId = r.string(body.initiativeId, 'initiativeId', { max: 36, required: false, pattern: UUID, patternHint: 'must be a UUID' })?.toLowerCase() ?? null;
  const scenario = r.string(body.scenario, 'scenario', { max: 200 });
  const iteration = r.string(body.iteration, 'iteration', { max: 128, required: false }) ?? null;
  const at = body.at === undefined || body.at === null ? null : r.dateTime(body.at, 'at') ?? null;
  const kpis: SimulationRun['kpis'] = {};
  const kpiBody = r.object(body.kpis, 'kpis');
  if (kpiBody) {
    const names = Object.keys(kpiBody);
    if (names.length > 200) r.fail('kpis', `must have at most 200 entries, got ${names.length}`);
    for (const name of names.slice(0, 200)) {
      const field = `kpis.${name}`;
      if (!KPI_NAME.test(name)) {
        r.fail(field, 'has an invalid name: 1-64 letters, digits and _ . : -');
        continue;
      }
      const entry = r.object(kpiBody[name], field);
      if (!entry) continue;
      r.known(entry, `${field}.`, ['mean', 'ci95', 'unit', 'n', ...RUN_KPI_STATS]);
      const mean = r.number(entry.mean, `${field}.mean`);
      const stats: Partial<Record<(typeof RUN_KPI_STATS)[number], number | null>> = {};
      for (const stat of RUN_KPI_STATS) if (entry[stat] !== undefined) stats[stat] = r.number(entry[stat], `${field}.${stat}`, { required: false }) ?? null;
      if (stats.level !== undefined && stats.level !== null && stats.level !== 0.95) r.fail(`${field}.level`, 'must be 0.95: targets are judged on 95% intervals');
      const fromBounds = entry.ci95 === undefined && typeof stats.lower === 'number' && typeof stats.upper === 'number';
      const ci95 = readInterval(r, fromBounds ? [stats.lower, stats.upper] : entry.ci95, fromBounds ? `${field}.lower` : `${field}.ci95`, mean);
      const unit = r.string(entry.unit, `${field}.unit`, { max: 32, required: false }) ?? null;
      const n = r.number(entry.n, `${field}.n`, { min: 1, max: 2_147_483_647, integer: true, required: false }) ?? null;
      if (mean !== undefined && ci95 !== undefined) kpis[name] = { mean, ci95, unit, n, ...stats };
    }
  }
  const series = readSeries(r, body.series);
  const replications = r.number(body.replications, 'replications', { min: 1, max: 10_000_000, integer: true, required: false });
  const seed = typeof body.seed === 'string' ? r.string(body.seed, 'seed', { max: 128 }) : r.number(body.seed, 'seed', { integer: true, required: false });
  const extra = r.object(body.meta, 'meta', false);
  if (extra && (firstNonFinite(extra, 'meta', 0) || JSON.stringify(extra).length > 64 * 1024)) r.fail('meta', 'must be a JSON object of at most 64 KB without NaN or Infinity');
  const meta = replications === undefined && seed === undefined && !extra ? null : { ...(replications !== undefined ? { replications } : {}), ...(seed !== undefined ? { seed } : {}), ...(extra ? { meta: extra } : {}) };
  r.throwIfInvalid('KPI.INVALID_RUN');
  return { runId: present(runId), initiativeId, scenario: present(scenario), iteration, at, kpis, series, meta };
}

function readSeries(r: InputReader, input: unknown): unknown[] | null {
  if (input === undefined || input === null) return null;
  const list = r.array(input, 'series', { max: 1_000_000 });
  if (!list) return null;
  const bad = firstNonFinite(list, 'series', 0);
  if (bad) r.fail(bad, 'must be a finite number (NaN and Infinity cannot be stored as JSON)');
  else if (JSON.stringify(list).length > MAX_SERIES_CHARS) r.fail('series', `must be at most ${MAX_SERIES_CHARS / 1024 / 1024} MB as JSON`);
  return list;
}

/** Path of the first NaN/Infinity in a JSON-like value (1e999 parses to Infinity, which JSON would turn into null). */
function firstNonFinite(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstNonFinite(value[i], `${path}[${i}]`, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const bad = firstNonFinite(item, `${path}.${key}`, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

/**
 * The run's KPIs that the initiative defines (same key), as simulation measurements. A unit that
 * differs from the KPI's is refused rather than stored as if comparable; names the initiative does
 * not define are reported back as unmatched, not errors (a run measures more than one initiative tracks).
 */
export function runMeasurements(run: SimulationRun, kpis: ReadonlyMap<string, KpiDefinition>, at: string): { measurements: NewMeasurement[]; unmatched: string[] } {
  const r = new InputReader();
  const measurements: NewMeasurement[] = [];
  const unmatched: string[] = [];
  for (const [name, summary] of Object.entries(run.kpis)) {
    const kpi = kpis.get(name);
    if (!kpi) {
      unmatched.push(name);
      continue;
    }
    if (summary.unit !== null && summary.unit !== kpi.unit) {
      r.fail(`kpis.${name}.unit`, `must be the KPI's unit "${kpi.unit}", got "${summary.unit}"`);
      continue;
    }
    measurements.push({ kpi: kpi.key, value: summary.mean, ci95: summary.ci95, n: summary.n, source: 'simulation', runId: run.runId, iteration: run.iteration, at, note: `scenario ${run.scenario}` });
  }
  r.throwIfInvalid('KPI.INVALID_RUN');
  return { measurements, unmatched };
}

/** Fingerprint of a run record, independent of key order, for telling a replay from a different run. */
export function runHash(run: SimulationRun): string {
  return createHash('sha256').update(stableJson(run)).digest('hex');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}
