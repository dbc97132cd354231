import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { KpiRepository } from '../persistence/kpi.repository';
import { FindMeasurements } from './find-measurements.query';

@QueryHandler(FindMeasurements)
export class FindMeasurementsHandler implements IQueryHandler<FindMeasurements> {
  constructor(private readonly repository: KpiRepository) {}

  async execute({ initiativeId, filter }: FindMeasurements) {
    await this.repository.initiative(initiativeId);
    return this.repository.findMeasurements(initiativeId, filter);
  }
}
