import { Query } from '@nestjs/cqrs';
import type { DecisionView } from '../model/views';
import type { GateEvaluation } from './evaluate-gate';

/** The gate out of the initiative's current phase, judged on each KPI's latest measurement. */
export class GetGate extends Query<GateEvaluation> {
  constructor(readonly initiativeId: string) {
    super();
  }
}

/** Every gate decision of an initiative, oldest first, each with its evidence. */
export class ListDecisions extends Query<DecisionView[]> {
  constructor(readonly initiativeId: string) {
    super();
  }
}
