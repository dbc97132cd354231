import { Command } from '@nestjs/cqrs';
import type { SimulationRunInput } from './simulation-run';
import type { RunView } from './run-view';

/**
 * Records a simulation run (its KPI summaries and series) and turns each KPI whose name matches a
 * KPI key of `initiativeId` into a 'simulation' measurement, in one transaction. The simulator's
 * `--publish` executes this in process; POST /api/kpi/runs does the same over HTTP. The input is
 * validated either way. Publishing the same run again is a harmless replay; a different run under
 * the same id is a 409.
 */
export class PublishSimulationRun extends Command<RunView & { replayed?: boolean }> {
  constructor(readonly run: SimulationRunInput, readonly by = 'simulator') {
    super();
  }
}
