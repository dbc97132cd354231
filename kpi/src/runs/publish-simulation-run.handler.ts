import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, InvalidValueError } from '@corridor/domain';
import { SimulationRunPublished } from '../events';
import type { KpiDefinition } from '../model/kpi-definition';
import { KpiRepository } from '../persistence/kpi.repository';
import { PublishSimulationRun } from './publish-simulation-run.command';
import { runView } from './run-view';
import { readSimulationRun, runHash, runMeasurements } from './simulation-run';

@CommandHandler(PublishSimulationRun)
export class PublishSimulationRunHandler implements ICommandHandler<PublishSimulationRun> {
  constructor(private readonly repository: KpiRepository, private readonly events: EventBus) {}

  async execute({ run: input, by }: PublishSimulationRun) {
    const run = readSimulationRun(input);
    const hash = runHash(run);
    const existing = await this.repository.run(run.runId);
    if (existing) {
      // The CLI may retry after a timeout: the same record is a replay, anything else a conflict.
      if (existing.requestHash !== hash) throw new ConflictError('KPI.RUN_EXISTS', `run ${run.runId} was already published with different content`, 'runId');
      return { ...runView(existing, await this.repository.runMeasurements(run.runId)), replayed: true };
    }
    let kpis = new Map<string, KpiDefinition>();
    if (run.initiativeId) {
      if (!(await this.repository.exists(run.initiativeId))) throw new InvalidValueError('KPI.UNKNOWN_INITIATIVE', 'initiativeId', `no initiative ${run.initiativeId}`);
      kpis = new Map((await this.repository.kpis(run.initiativeId)).map((k) => [k.key, k]));
    }
    const now = new Date().toISOString();
    const at = run.at ?? now;
    const { measurements } = runMeasurements(run, kpis, at);
    const stored = await this.repository.saveRun({ ...run, at }, hash, kpis, measurements, by, now);
    this.events.publish(new SimulationRunPublished(run.runId, run.initiativeId, stored.map((m) => m.id), now));
    return runView({ ...run, at, publishedAt: now, publishedBy: by, requestHash: hash }, stored);
  }
}
