import { InputReader, present } from './input-reader';
import { readKpiDefinition, type KpiDefinition } from './kpi-definition';
import { GATED_PHASES, plannedDays, type Phase, type PhasePlan, type PlannedDays } from './phases';

export interface NewInitiative {
  name: string;
  description: string;
  owner: string;
  phase: Phase;
  /** When the current phase began; back-dating lets an initiative already under way be registered. */
  phaseStartedAt: string;
  plan: PhasePlan;
  kpis: KpiDefinition[];
}

const FIELDS = ['name', 'description', 'owner', 'phase', 'phaseStartedAt', 'plan', 'kpis'] as const;
const MAX_PLAN_DAYS = 3650;

/**
 * `{name, description?, owner?, phase?, phaseStartedAt?, plan?, kpis?}`; the owner defaults to the
 * caller and the phase to 'poc'. KPIs may be defined in the same request so an initiative starts
 * with its measures, as the method asks ("KPIs defined at the onset").
 */
export function readNewInitiative(input: unknown, callerId: string, now: Date): NewInitiative {
  const r = new InputReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', FIELDS);
  const name = r.string(body.name, 'name', { max: 200 });
  const description = r.string(body.description, 'description', { max: 5000, required: false }) ?? '';
  const owner = r.string(body.owner, 'owner', { max: 128, required: false }) ?? callerId;
  const phase = r.oneOf(body.phase ?? 'poc', 'phase', GATED_PHASES);
  const phaseStartedAt = body.phaseStartedAt === undefined ? now.toISOString() : r.dateTime(body.phaseStartedAt, 'phaseStartedAt');
  if (phaseStartedAt && Date.parse(phaseStartedAt) > now.getTime()) r.fail('phaseStartedAt', 'must not be in the future');
  const plan = readPlan(r, body.plan);
  const kpis: KpiDefinition[] = [];
  const list = r.array(body.kpis, 'kpis', { max: 100, required: false }) ?? [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const kpi = readKpiDefinition(r, item, `kpis[${i}].`);
    if (!kpi) return;
    if (seen.has(kpi.key)) r.fail(`kpis[${i}].key`, `"${kpi.key}" is already defined earlier in this request`);
    seen.add(kpi.key);
    kpis.push(kpi);
  });
  r.throwIfInvalid();
  return { name: present(name), description, owner, phase: present(phase), phaseStartedAt: present(phaseStartedAt), plan, kpis };
}

/** `{poc: {min: 30, max: 60}, ...}` in days, overriding the method's defaults phase by phase. */
function readPlan(r: InputReader, input: unknown): PhasePlan {
  const plan: PhasePlan = {};
  if (input === undefined || input === null) return plan;
  const body = r.object(input, 'plan');
  if (!body) return plan;
  for (const [phase, value] of Object.entries(body)) {
    const field = `plan.${phase}`;
    if (!(GATED_PHASES as readonly string[]).includes(phase)) {
      r.fail(field, `is not a phase (one of ${GATED_PHASES.join(', ')})`);
      continue;
    }
    const days = r.object(value, field);
    if (!days) continue;
    r.known(days, `${field}.`, ['min', 'max']);
    const min = r.number(days.min, `${field}.min`, { min: 0, max: MAX_PLAN_DAYS, integer: true });
    const max = r.number(days.max, `${field}.max`, { min: 1, max: MAX_PLAN_DAYS, integer: true });
    if (min === undefined || max === undefined) continue;
    if (min > max) r.fail(`${field}.min`, `must not exceed max (${max})`);
    else plan[phase as Phase] = { min, max };
  }
  return plan;
}

export const SCHEDULE_STATUSES = ['on-plan', 'overdue', 'open-ended'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

export interface Schedule {
  daysInPhase: number;
  plannedDays: PlannedDays | null;
  /** Time used against the plan's maximum (1 = the plan's end); null when open-ended. */
  progress: number | null;
  status: ScheduleStatus;
}

const DAY_MS = 86_400_000;

/** Whole days between two instants (a phase started 36 hours ago has run 1 day). */
export function daysBetween(from: string, to: string | Date): number {
  const end = typeof to === 'string' ? Date.parse(to) : to.getTime();
  return Math.max(0, Math.floor((end - Date.parse(from)) / DAY_MS));
}

/** Days in the current phase against its plan: the portfolio's "is this dragging on?". */
export function schedule(phase: Phase, phaseStartedAt: string, plan: PhasePlan, now: Date): Schedule {
  const days = daysBetween(phaseStartedAt, now);
  const planned = plannedDays(plan, phase);
  if (!planned) return { daysInPhase: days, plannedDays: null, progress: null, status: 'open-ended' };
  return { daysInPhase: days, plannedDays: planned, progress: Math.round((days / planned.max) * 1000) / 1000, status: days > planned.max ? 'overdue' : 'on-plan' };
}
