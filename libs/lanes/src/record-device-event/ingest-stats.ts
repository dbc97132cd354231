import { Injectable } from '@nestjs/common';
import type { ReadSource } from '../model/assembler';

export type IngestOutcome = 'opened' | 'joined' | 'duplicate' | 'unmatched';

export interface LaneIngestStats {
  laneId: string;
  since: string;
  accepted: number;
  duplicates: number;
  /** VoIP events with no truck on the lane. */
  unmatched: number;
  bySource: Record<ReadSource, number>;
  rejected: { total: number; byReason: Record<string, number> };
  lastReadAt: string | null;
}

export interface GlobalIngestStats {
  since: string;
  mqtt: { configured: boolean; connected: boolean; messages: number };
  /** Messages that never reached a lane: bad topics, unknown devices, unknown lanes. */
  unroutable: { total: number; byReason: Record<string, number>; unknownLanes: Record<string, number> };
}

interface Counters {
  accepted: number;
  duplicates: number;
  unmatched: number;
  bySource: Record<ReadSource, number>;
  rejected: Map<string, number>;
  rejectedTotal: number;
  lastReadAt: string | null;
}

// Reasons come partly from the input (`invalid:<field>`), so the maps are bounded: garbage must
// not grow memory without limit.
const MAX_REASONS = 100;
const MAX_UNKNOWN_LANES = 1_000;

/** Per-lane counts of what the lane did with each message, since this process started. */
@Injectable()
export class IngestStats {
  private readonly since = new Date().toISOString();
  private readonly lanes = new Map<string, Counters>();
  private readonly unroutableReasons = new Map<string, number>();
  private readonly unknownLanes = new Map<string, number>();
  private unroutableTotal = 0;
  private mqttMessages = 0;
  private mqttState = { configured: false, connected: false };

  kept(laneId: string, outcome: IngestOutcome, source: ReadSource): void {
    const c = this.counters(laneId);
    if (outcome === 'duplicate') c.duplicates++;
    else if (outcome === 'unmatched') c.unmatched++;
    else c.accepted++;
    c.bySource[source]++;
    c.lastReadAt = new Date().toISOString();
  }

  rejected(laneId: string, reason: string): void {
    const c = this.counters(laneId);
    c.rejectedTotal++;
    bump(c.rejected, c.rejected.has(reason) || c.rejected.size < MAX_REASONS ? reason : 'other', MAX_REASONS + 1);
  }

  unroutable(reason: string, laneId?: string): void {
    this.unroutableTotal++;
    bump(this.unroutableReasons, reason, MAX_REASONS);
    if (laneId !== undefined) bump(this.unknownLanes, this.unknownLanes.has(laneId) || this.unknownLanes.size < MAX_UNKNOWN_LANES ? laneId : '(other)', MAX_UNKNOWN_LANES + 1);
  }

  mqttMessage(): void {
    this.mqttMessages++;
  }

  mqtt(state: { configured: boolean; connected: boolean }): void {
    this.mqttState = state;
  }

  lane(laneId: string): LaneIngestStats {
    const c = this.counters(laneId);
    return {
      laneId,
      since: this.since,
      accepted: c.accepted,
      duplicates: c.duplicates,
      unmatched: c.unmatched,
      bySource: { ...c.bySource },
      rejected: { total: c.rejectedTotal, byReason: Object.fromEntries(c.rejected) },
      lastReadAt: c.lastReadAt,
    };
  }

  global(): GlobalIngestStats {
    return {
      since: this.since,
      mqtt: { ...this.mqttState, messages: this.mqttMessages },
      unroutable: { total: this.unroutableTotal, byReason: Object.fromEntries(this.unroutableReasons), unknownLanes: Object.fromEntries(this.unknownLanes) },
    };
  }

  private counters(laneId: string): Counters {
    let c = this.lanes.get(laneId);
    if (!c) {
      c = { accepted: 0, duplicates: 0, unmatched: 0, bySource: { mqtt: 0, http: 0 }, rejected: new Map(), rejectedTotal: 0, lastReadAt: null };
      this.lanes.set(laneId, c);
    }
    return c;
  }
}

function bump(map: Map<string, number>, key: string, max: number): void {
  if (!map.has(key) && map.size >= max) return;
  map.set(key, (map.get(key) ?? 0) + 1);
}
