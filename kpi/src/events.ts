import type { Phase } from './model/phases';

/** Published after commit, for notifications and audit. */
export class GateDecided {
  constructor(
    readonly initiativeId: string,
    readonly decisionId: string,
    readonly decision: 'go' | 'no-go',
    readonly from: Phase,
    readonly phase: Phase,
    readonly override: boolean,
    readonly at: string,
  ) {}
}

/** Published after a simulation run's KPIs were recorded as measurements. */
export class SimulationRunPublished {
  constructor(readonly runId: string, readonly initiativeId: string | null, readonly measurementIds: string[], readonly at: string) {}
}
