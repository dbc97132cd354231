import { atLeastAsGood, type Direction, type KpiDefinition } from '../model/kpi-definition';
import type { Interval, MeasurementSource } from '../model/measurement';
import { nextPhase, type Phase, type TargetPhase } from '../model/phases';

/** The latest measurement of a KPI, as far as the gate cares. */
export interface GateMeasurement {
  id: string;
  value: number;
  ci95: Interval | null;
  n: number | null;
  source: MeasurementSource;
  runId: string | null;
  iteration: string | null;
  at: string;
}

export interface CriterionEvidence {
  measurementId: string;
  source: MeasurementSource;
  runId: string | null;
  iteration: string | null;
  at: string;
}

export interface Criterion {
  kpi: string;
  name: string;
  unit: string;
  direction: Direction;
  target: number;
  value: number | null;
  ci95: Interval | null;
  n: number | null;
  /** What was compared with the target: the CI's conservative end when there is a CI, else the value. */
  bound: number | null;
  met: boolean;
  /** One line a manager can read at the gate. */
  reason: string;
  evidence: CriterionEvidence | null;
}

export interface GateEvaluation {
  phase: Phase;
  /** The phase a `go` would move to; null for production and stopped. */
  next: TargetPhase | null;
  ready: boolean;
  met: number;
  total: number;
  criteria: Criterion[];
  /** Distinct simulation or telemetry runs behind the criteria. */
  runIds: string[];
}

/**
 * The end of the CI that is least favourable to the KPI: the upper bound when lower is better,
 * the lower bound when higher is better. A gate passed on that bound still holds if the true
 * value sits anywhere in the interval.
 */
export function conservativeBound(direction: Direction, value: number, ci95: Interval | null): number {
  if (!ci95) return value;
  return direction === 'lower' ? ci95[1] : ci95[0];
}

/**
 * Whether one measurement meets a target. Both the point value and (when present) the CI's
 * conservative bound must meet it; reaching the target exactly counts as meeting it.
 */
export function meetsTarget(direction: Direction, target: number, measurement: Pick<GateMeasurement, 'value' | 'ci95'>): { met: boolean; bound: number; reason: string } {
  const bound = conservativeBound(direction, measurement.value, measurement.ci95);
  const better = direction === 'lower' ? 'at most' : 'at least';
  if (!atLeastAsGood(direction, measurement.value, target)) {
    return { met: false, bound, reason: `value ${measurement.value} misses the target (${better} ${target})` };
  }
  if (measurement.ci95 && !atLeastAsGood(direction, bound, target)) {
    const end = direction === 'lower' ? 'upper' : 'lower';
    return { met: false, bound, reason: `value ${measurement.value} meets the target (${better} ${target}) but the 95% CI ${end} bound ${bound} does not` };
  }
  return { met: true, bound, reason: measurement.ci95 ? `value ${measurement.value} and its 95% CI [${measurement.ci95[0]}, ${measurement.ci95[1]}] meet the target (${better} ${target})` : `value ${measurement.value} meets the target (${better} ${target})` };
}

/**
 * The gate out of `phase`: every KPI with a target for the next phase is judged on its latest
 * measurement. Ready only when there is at least one such KPI and all of them meet their targets;
 * a KPI without any measurement does not.
 */
export function evaluateGate(phase: Phase, kpis: readonly KpiDefinition[], latest: ReadonlyMap<string, GateMeasurement>): GateEvaluation {
  const next = nextPhase(phase) ?? null;
  const criteria: Criterion[] = [];
  if (next) {
    for (const kpi of kpis) {
      const target = kpi.targets[next];
      if (target === undefined) continue;
      const measurement = latest.get(kpi.key);
      const base = { kpi: kpi.key, name: kpi.name, unit: kpi.unit, direction: kpi.direction, target };
      if (!measurement) {
        criteria.push({ ...base, value: null, ci95: null, n: null, bound: null, met: false, reason: 'no measurement yet', evidence: null });
        continue;
      }
      const { met, bound, reason } = meetsTarget(kpi.direction, target, measurement);
      criteria.push({
        ...base,
        value: measurement.value,
        ci95: measurement.ci95,
        n: measurement.n,
        bound,
        met,
        reason,
        evidence: { measurementId: measurement.id, source: measurement.source, runId: measurement.runId, iteration: measurement.iteration, at: measurement.at },
      });
    }
  }
  const met = criteria.filter((c) => c.met).length;
  const runIds = [...new Set(criteria.map((c) => c.evidence?.runId).filter((id): id is string => Boolean(id)))];
  return { phase, next, ready: criteria.length > 0 && met === criteria.length, met, total: criteria.length, criteria, runIds };
}
