import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@corridor/domain';
import { KpiRepository } from '../persistence/kpi.repository';
import { GetRun, ListRuns } from './get-run.query';
import { runSummary, runView } from './run-view';

@QueryHandler(GetRun)
export class GetRunHandler implements IQueryHandler<GetRun> {
  constructor(private readonly repository: KpiRepository) {}

  async execute({ runId }: GetRun) {
    const run = await this.repository.run(runId);
    if (!run) throw new NotFoundError('KPI.RUN_NOT_FOUND', `no run ${runId}`);
    return runView(run, await this.repository.runMeasurements(runId));
  }
}

@QueryHandler(ListRuns)
export class ListRunsHandler implements IQueryHandler<ListRuns> {
  constructor(private readonly repository: KpiRepository) {}

  async execute({ initiativeId }: ListRuns) {
    return (await this.repository.runs(initiativeId)).map(runSummary);
  }
}
