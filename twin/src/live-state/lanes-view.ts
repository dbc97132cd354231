import { Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ListLanes, type Lane } from '@corridor/lanes';
import type { TwinLane } from '../engine/twin-engine';

/**
 * The lanes context's lanes as the twin sees them, through its ListLanes query. A host without the
 * lanes context has none: the twin then works from telemetry alone. Lane types are cached (a lane's
 * type does not change under a running passage); open/closed is read fresh for each live state.
 */
@Injectable()
export class LanesView {
  private readonly logger = new Logger('TwinLanes');
  private readonly types = new Map<string, TwinLane['laneType']>();
  private unavailable = false;

  constructor(private readonly queries: QueryBus) {}

  /** Every lane the lanes context knows, with whether it is open; [] without a lanes context. */
  async lanes(): Promise<TwinLane[]> {
    if (this.unavailable) return [];
    let lanes: Lane[];
    try {
      lanes = await this.queries.execute(new ListLanes());
    } catch (error) {
      // No handler: this host runs the twin without the lanes context. Say so once.
      this.unavailable = true;
      this.logger.log({ reason: error instanceof Error ? error.message : String(error) }, 'no lanes context in this host: live state from telemetry only');
      return [];
    }
    for (const lane of lanes) this.types.set(lane.id, lane.type);
    return lanes.map((lane) => ({ laneId: lane.id, laneType: lane.type, open: lane.status === 'open' }));
  }

  /** A lane's type, from the cache or a fresh read; undefined for a lane the lanes context does not know. */
  async laneType(laneId: string): Promise<TwinLane['laneType'] | undefined> {
    if (!this.types.has(laneId)) await this.lanes();
    return this.types.get(laneId);
  }
}
