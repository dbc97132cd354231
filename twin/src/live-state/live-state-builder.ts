import { Injectable } from '@nestjs/common';
import { liveStateFromTelemetry, type LiveState, type TelemetryEvent, type TwinLane } from '../engine/twin-engine';
import { TelemetryRepository } from '../persistence/telemetry.repository';
import { DeclarationsView } from './declarations-view';
import { LanesView } from './lanes-view';

const HOUR = 3_600_000;
/** Telemetry this far back is enough to know who is queued or at a booth now. */
export const STATE_WINDOW_HOURS = 6;

/** Announced trucks are looked up this far ahead (the longest forecast). */
const ANNOUNCED_HOURS = 24;

/**
 * The live state at a time: the recent telemetry, with the lanes context's lanes when it knows any
 * and the declarations context's pre-arrival declarations (trucks announced but not yet decided).
 */
@Injectable()
export class LiveStateBuilder {
  constructor(
    private readonly telemetry: TelemetryRepository,
    private readonly lanes: LanesView,
    private readonly declarations: DeclarationsView,
  ) {}

  /** `events`, when the caller already read them, must cover the state window before `at`. */
  async at(at: Date, events?: readonly TelemetryEvent[]): Promise<LiveState> {
    const from = new Date(at.getTime() - STATE_WINDOW_HOURS * HOUR).toISOString();
    const to = new Date(at.getTime() + 1).toISOString();
    const recent = events ? events.filter((e) => e.at >= from && e.at < to) : await this.telemetry.events(from, to);
    const state = liveStateFromTelemetry(recent, at.toISOString(), await this.knownLanes(recent));
    const expected = await this.declarations.expectedArrivals(at.toISOString(), new Date(at.getTime() + ANNOUNCED_HOURS * HOUR).toISOString());
    return expected.length > 0 ? { ...state, expectedArrivals: expected } : state;
  }

  /**
   * The lanes context's lanes, when it knows any and the telemetry is of this crossing (names one of
   * its lanes, or names none). Telemetry imported from another crossing keeps its own lanes, seen in it.
   */
  private async knownLanes(recent: readonly TelemetryEvent[]): Promise<TwinLane[] | undefined> {
    const lanes = await this.lanes.lanes();
    if (lanes.length === 0) return undefined;
    const named = new Set(recent.flatMap((e) => (e.laneId ? [e.laneId] : [])));
    return named.size === 0 || lanes.some((lane) => named.has(lane.laneId)) ? lanes : undefined;
  }
}
