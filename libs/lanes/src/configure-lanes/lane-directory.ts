import { Injectable } from '@nestjs/common';
import { LANE_ID, type Lane } from '../model/lane';
import { LaneRepository } from '../persistence/lane.repository';

/** How long an unknown lane id stays unknown before the database is asked again. */
const MISS_TTL_MS = 5_000;
const MAX_MISSES = 10_000;

/**
 * The lanes, cached: every device read needs its lane and the set changes rarely. A miss goes
 * to the database (a lane created by another process), at most once per id every few seconds,
 * so a flood of garbage lane ids costs memory lookups rather than queries.
 */
@Injectable()
export class LaneDirectory {
  private readonly lanes = new Map<string, Lane>();
  private readonly misses = new Map<string, number>();

  constructor(private readonly repository: LaneRepository) {}

  async load(): Promise<Lane[]> {
    const lanes = await this.repository.lanes();
    for (const lane of lanes) this.lanes.set(lane.id, lane);
    return lanes;
  }

  cached(id: string): Lane | undefined {
    return this.lanes.get(id);
  }

  async get(id: string): Promise<Lane | undefined> {
    const known = this.lanes.get(id);
    if (known) return known;
    if (!LANE_ID.test(id)) return undefined;
    const missedAt = this.misses.get(id);
    if (missedAt !== undefined && Date.now() - missedAt < MISS_TTL_MS) return undefined;
    const lane = await this.repository.lane(id);
    if (lane) {
      this.lanes.set(id, lane);
      this.misses.delete(id);
      return lane;
    }
    if (this.misses.size >= MAX_MISSES) this.misses.clear();
    this.misses.set(id, Date.now());
    return undefined;
  }

  add(lanes: Lane[]): void {
    for (const lane of lanes) {
      this.lanes.set(lane.id, lane);
      this.misses.delete(lane.id);
    }
  }

  all(): Lane[] {
    return [...this.lanes.values()];
  }
}
