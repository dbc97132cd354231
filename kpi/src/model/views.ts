import type { Criterion, GateEvaluation } from '../gates/evaluate-gate';
import type { Decision } from '../gates/decide';
import type { Schedule } from './initiative';
import type { KpiDefinition } from './kpi-definition';
import type { MeasurementView } from './measurement';
import type { Phase, PhasePlan, PlannedDays, TargetPhase } from './phases';

/** What the portfolio shows of a gate: enough for a badge, `GET .../gates` has the criteria. */
export interface GateStatus {
  next: TargetPhase | null;
  ready: boolean;
  met: number;
  total: number;
}

export interface PhaseSpell {
  phase: Phase;
  startedAt: string;
  endedAt: string | null;
  plannedDays: PlannedDays | null;
  /** Days spent (so far, for the open spell). */
  days: number;
  decisionId: string | null;
}

export interface KpiView extends KpiDefinition {
  latest: MeasurementView | null;
  /** (latest - baseline) / |baseline|: -0.5 is "half the baseline"; null without both. */
  changeFromBaseline: number | null;
  /** The target the next gate asks for, if any. */
  nextTarget: number | null;
  createdAt: string;
}

export interface InitiativeSummary {
  id: string;
  name: string;
  description: string;
  owner: string;
  phase: Phase;
  phaseStartedAt: string;
  /** Days in the current phase against the plan. */
  schedule: Schedule;
  daysInPhase: number;
  plannedDays: PlannedDays | null;
  gate: GateStatus;
  kpiCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface InitiativeView extends InitiativeSummary {
  createdBy: string;
  plan: PhasePlan;
  phaseHistory: PhaseSpell[];
  kpis: KpiView[];
}

export interface DecisionView {
  id: string;
  initiativeId: string;
  decision: Decision;
  /** A go taken although the gate was not ready. */
  override: boolean;
  stop: boolean;
  from: Phase;
  /** The phase moved to; null when the decision did not move the initiative. */
  to: Phase | null;
  moved: boolean;
  /** The initiative's phase after the decision. */
  phase: Phase;
  note: string | null;
  by: string;
  at: string;
  /** The gate as it stood when the decision was taken: criteria, measurements and run ids considered. */
  evidence: GateEvaluation;
}

export type { Criterion, GateEvaluation };
