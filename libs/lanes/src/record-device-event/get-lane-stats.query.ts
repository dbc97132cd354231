import { Query } from '@nestjs/cqrs';
import type { GlobalIngestStats, LaneIngestStats } from './ingest-stats';

/** What a lane did with its device messages: kept, duplicates, rejected by reason. */
export class GetLaneStats extends Query<LaneIngestStats> {
  constructor(readonly laneId: string) {
    super();
  }
}

/** The MQTT link and the messages that reached no lane (bad topics, unknown lanes). */
export class GetIngestStats extends Query<GlobalIngestStats> {}
