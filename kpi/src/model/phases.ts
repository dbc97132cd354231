/**
 * The method's phases (WCO Study Report, "Strategy Behind Technology"): an idea moves
 * PoC -> prototype -> minimum viable pilot -> production only when its gate holds, and may be
 * stopped at any gate. The planned durations are the report's sample timeline; an initiative may
 * override them when it is created.
 */
export const PHASES = ['poc', 'prototype', 'pilot', 'production', 'stopped'] as const;
export type Phase = (typeof PHASES)[number];

/** Phases an initiative can move into through a gate, in order; the first is where ideas start. */
export const GATED_PHASES = ['poc', 'prototype', 'pilot', 'production'] as const satisfies readonly Phase[];

/** Phases a KPI target can be set for: the target applies at the gate into that phase. */
export const TARGET_PHASES = ['prototype', 'pilot', 'production'] as const satisfies readonly Phase[];
export type TargetPhase = (typeof TARGET_PHASES)[number];

/** Planned time in a phase, in days. */
export interface PlannedDays {
  min: number;
  max: number;
}

export type PhasePlan = Partial<Record<Phase, PlannedDays>>;

/** PoC 1-3 months, prototype 3-6 months, pilot 1-2 years; production and stopped are open-ended. */
export const DEFAULT_PLAN: Readonly<Record<'poc' | 'prototype' | 'pilot', PlannedDays>> = {
  poc: { min: 30, max: 90 },
  prototype: { min: 90, max: 180 },
  pilot: { min: 365, max: 730 },
};

/** The phase a `go` decision moves to, or undefined when there is no further gate. */
export function nextPhase(phase: Phase): TargetPhase | undefined {
  switch (phase) {
    case 'poc':
      return 'prototype';
    case 'prototype':
      return 'pilot';
    case 'pilot':
      return 'production';
    default:
      return undefined;
  }
}

export function isTargetPhase(value: string): value is TargetPhase {
  return (TARGET_PHASES as readonly string[]).includes(value);
}

/** The plan for a phase: the initiative's own when it set one, the method's default otherwise. */
export function plannedDays(plan: PhasePlan, phase: Phase): PlannedDays | null {
  return plan[phase] ?? (phase in DEFAULT_PLAN ? DEFAULT_PLAN[phase as keyof typeof DEFAULT_PLAN] : null);
}
