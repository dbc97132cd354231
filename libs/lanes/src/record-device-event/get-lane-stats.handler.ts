import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@corridor/domain';
import { LaneDirectory } from '../configure-lanes/lane-directory';
import { GetIngestStats, GetLaneStats } from './get-lane-stats.query';
import { IngestStats } from './ingest-stats';

@QueryHandler(GetLaneStats)
export class GetLaneStatsHandler implements IQueryHandler<GetLaneStats> {
  constructor(private readonly directory: LaneDirectory, private readonly stats: IngestStats) {}

  async execute({ laneId }: GetLaneStats) {
    if (!(await this.directory.get(laneId))) throw new NotFoundError('LANE.NOT_FOUND', `no lane ${laneId}`);
    return this.stats.lane(laneId);
  }
}

@QueryHandler(GetIngestStats)
export class GetIngestStatsHandler implements IQueryHandler<GetIngestStats> {
  constructor(private readonly stats: IngestStats) {}

  async execute() {
    return this.stats.global();
  }
}
