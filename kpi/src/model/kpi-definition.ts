import { InputReader, type Json } from './input-reader';
import { TARGET_PHASES, type TargetPhase } from './phases';

export const DIRECTIONS = ['lower', 'higher'] as const;
/** Whether a lower or a higher value is better (processing time: lower; throughput: higher). */
export type Direction = (typeof DIRECTIONS)[number];

/** Readable aliases accepted on input and stored as the short form. */
const DIRECTION_ALIASES: Record<string, Direction> = {
  lower: 'lower',
  higher: 'higher',
  'lower-is-better': 'lower',
  'higher-is-better': 'higher',
  lower_is_better: 'lower',
  higher_is_better: 'higher',
  lowerIsBetter: 'lower',
  higherIsBetter: 'higher',
};

export interface Baseline {
  value: number;
  /** Where the baseline comes from (a TRS, a manual timing study, a simulation of the current process). */
  source: string | null;
}

/** Target per phase: the value the KPI must reach at the gate into that phase. */
export type Targets = Partial<Record<TargetPhase, number>>;

export interface KpiDefinition {
  key: string;
  name: string;
  unit: string;
  direction: Direction;
  baseline: Baseline | null;
  targets: Targets;
  description: string | null;
}

/** A slug: lower-case letters and digits, words joined by '-' or '_' (simulators often use '_'). */
export const KPI_KEY = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
const KPI_KEY_HINT = 'must be a slug: lower-case letters and digits joined by - or _, starting with a letter (e.g. pil-processing-time)';

const KPI_FIELDS = ['key', 'name', 'unit', 'direction', 'baseline', 'targets', 'description'] as const;
const PATCH_FIELDS = ['name', 'baseline', 'targets', 'description'] as const;

/** True when `a` is at least as good as `b` for this direction (equal counts as good: ties meet). */
export function atLeastAsGood(direction: Direction, a: number, b: number): boolean {
  return direction === 'lower' ? a <= b : a >= b;
}

/** Reads a KPI definition at `prefix` (e.g. 'kpis[1].'), recording errors in `r`. */
export function readKpiDefinition(r: InputReader, input: unknown, prefix = ''): KpiDefinition | undefined {
  const body = r.object(input, prefix.replace(/\.$/, ''));
  if (!body) return undefined;
  const errorsBefore = r.errors.length;
  r.known(body, prefix, KPI_FIELDS);
  const key = r.string(body.key, `${prefix}key`, { max: 64, pattern: KPI_KEY, patternHint: KPI_KEY_HINT });
  const name = r.string(body.name, `${prefix}name`, { max: 200, required: false }) ?? key;
  const unit = r.string(body.unit, `${prefix}unit`, { max: 32 });
  const direction = readDirection(r, body.direction, `${prefix}direction`);
  const baseline = readBaseline(r, body.baseline, `${prefix}baseline`);
  const targets = readTargets(r, body.targets, `${prefix}targets`);
  const description = r.string(body.description, `${prefix}description`, { max: 2000, required: false }) ?? null;
  if (key === undefined || name === undefined || unit === undefined || direction === undefined || baseline === undefined || targets === undefined) return undefined;
  const definition: KpiDefinition = { key, name, unit, direction, baseline, targets, description };
  checkTargets(r, definition, prefix);
  return r.errors.length > errorsBefore ? undefined : definition;
}

/**
 * Applies a change of name, description, baseline or targets. Key, unit and direction stay fixed:
 * changing them would silently reinterpret every measurement already recorded.
 */
export function readKpiPatch(r: InputReader, input: unknown, current: KpiDefinition): KpiDefinition | undefined {
  const body = r.object(input, 'body');
  if (!body) return undefined;
  for (const fixed of ['key', 'unit', 'direction']) {
    if (fixed in body) r.fail(fixed, 'cannot be changed once measurements may refer to it; define a new KPI instead');
  }
  r.known(body, '', [...PATCH_FIELDS, 'key', 'unit', 'direction']);
  const next: KpiDefinition = { ...current };
  if ('name' in body) next.name = r.string(body.name, 'name', { max: 200 }) ?? current.name;
  if ('description' in body) next.description = r.string(body.description, 'description', { max: 2000, required: false }) ?? null;
  if ('baseline' in body) next.baseline = readBaseline(r, body.baseline, 'baseline') ?? current.baseline;
  if ('targets' in body) next.targets = readTargets(r, body.targets, 'targets') ?? current.targets;
  checkTargets(r, next, '');
  return r.ok ? next : undefined;
}

function readDirection(r: InputReader, input: unknown, field: string): Direction | undefined {
  if (typeof input === 'string' && Object.hasOwn(DIRECTION_ALIASES, input)) return DIRECTION_ALIASES[input];
  return r.oneOf(input, field, DIRECTIONS);
}

/** `{value, source}`, or a bare number for a baseline whose source is not recorded; absent is null. */
function readBaseline(r: InputReader, input: unknown, field: string): Baseline | null | undefined {
  if (input === undefined || input === null) return null;
  if (typeof input === 'number' || typeof input === 'string') {
    const value = r.number(input, `${field}.value`);
    return value === undefined ? undefined : { value, source: null };
  }
  const body = r.object(input, field);
  if (!body) return undefined;
  r.known(body, `${field}.`, ['value', 'source']);
  const value = r.number(body.value, `${field}.value`);
  const source = r.string(body.source, `${field}.source`, { max: 500, required: false }) ?? null;
  return value === undefined ? undefined : { value, source };
}

function readTargets(r: InputReader, input: unknown, field: string): Targets | undefined {
  if (input === undefined || input === null) return {};
  const body = r.object(input, field);
  if (!body) return undefined;
  const targets: Targets = {};
  let ok = true;
  for (const [phase, value] of Object.entries(body)) {
    if (!(TARGET_PHASES as readonly string[]).includes(phase)) {
      r.fail(`${field}.${phase}`, `is not a phase with a gate (targets apply at the gate into: ${TARGET_PHASES.join(', ')})`);
      ok = false;
      continue;
    }
    const number = r.number(value, `${field}.${phase}`);
    if (number === undefined) ok = false;
    else targets[phase as TargetPhase] = number;
  }
  return ok ? targets : undefined;
}

/**
 * Targets must point the KPI's way: never worse than the baseline (a lower-is-better target above
 * it would pass a gate by getting worse), and each later phase asking at least as much as the one
 * before it. Equal values are allowed (a pilot target may stand for production).
 */
export function checkTargets(r: InputReader, kpi: KpiDefinition, prefix: string): void {
  const worse = kpi.direction === 'lower' ? 'above' : 'below';
  let previous: { phase: TargetPhase; value: number } | undefined;
  for (const phase of TARGET_PHASES) {
    const value = kpi.targets[phase];
    if (value === undefined) continue;
    const field = `${prefix}targets.${phase}`;
    if (kpi.baseline && !atLeastAsGood(kpi.direction, value, kpi.baseline.value)) {
      r.fail(field, `must not be ${worse} the baseline (${kpi.baseline.value}) for a ${kpi.direction}-is-better KPI, got ${value}`);
    } else if (previous && !atLeastAsGood(kpi.direction, value, previous.value)) {
      r.fail(field, `must not be ${worse} the ${previous.phase} target (${previous.value}) for a ${kpi.direction}-is-better KPI, got ${value}`);
    }
    previous = { phase, value };
  }
}

export type { Json };
