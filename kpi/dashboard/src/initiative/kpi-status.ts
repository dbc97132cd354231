import type { Direction, Interval, KpiView } from '../api/types';

export type KpiStatus = 'met' | 'unmet' | 'no-data' | 'no-target';

const atLeastAsGood = (direction: Direction, a: number, b: number) => (direction === 'lower' ? a <= b : a >= b);

/** The CI end least favourable to the KPI: upper when lower is better, lower when higher is. */
export function conservativeBound(direction: Direction, value: number, ci95: Interval | null | undefined): number {
  if (!ci95) return value;
  return direction === 'lower' ? ci95[1] : ci95[0];
}

/**
 * The gate's rule (kpi/src/gates/evaluate-gate.ts), for a badge: the latest value and, with a CI,
 * its conservative bound must both reach the next gate's target; equal counts as met.
 */
export function kpiStatus(kpi: Pick<KpiView, 'direction' | 'latest' | 'nextTarget'>): KpiStatus {
  if (kpi.nextTarget === null || kpi.nextTarget === undefined) return kpi.latest ? 'no-target' : 'no-data';
  if (!kpi.latest) return 'no-data';
  const { value, ci95 } = kpi.latest;
  const ok = atLeastAsGood(kpi.direction, value, kpi.nextTarget) && atLeastAsGood(kpi.direction, conservativeBound(kpi.direction, value, ci95), kpi.nextTarget);
  return ok ? 'met' : 'unmet';
}
