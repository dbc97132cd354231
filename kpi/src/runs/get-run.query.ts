import { Query } from '@nestjs/cqrs';
import type { RunSummary, RunView } from './run-view';

/** A simulation run's KPIs, its stored series and the measurements it produced. */
export class GetRun extends Query<RunView> {
  constructor(readonly runId: string) {
    super();
  }
}

/** Published runs, newest first (without their series), optionally for one initiative. */
export class ListRuns extends Query<RunSummary[]> {
  constructor(readonly initiativeId?: string) {
    super();
  }
}
