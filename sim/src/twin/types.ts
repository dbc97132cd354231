// The digital twin's data: telemetry of the live crossing, the live state a forecast starts
// from, and the forecast itself. Plain JSON, shared by the CLI, the twin service and the dashboard.
import type { LaneType } from '../scenario/scenario';

export const TELEMETRY_TYPES = ['arrival', 'pil_start', 'pil_end', 'secondary_start', 'secondary_end', 'exit'] as const;
export type TelemetryType = (typeof TELEMETRY_TYPES)[number];

/**
 * One passage event, as exported and imported in JSON lines. `at` is ISO 8601. `referred` (an
 * extension, on pil_end) says the officer sent the truck to secondary; without it a referral
 * is inferred from a later secondary_start.
 */
export interface TelemetryEvent {
  type: TelemetryType;
  truckId: string;
  laneId?: string;
  laneType?: LaneType;
  trusted?: boolean;
  referred?: boolean;
  at: string;
}

/** A truck at the crossing at the state's time: its class (null: unknown) and since when it waits or is served. */
export interface StateTruck {
  trusted: boolean | null;
  since: string;
}

export interface StateLane {
  laneId: string;
  laneType: LaneType;
  open: boolean;
  /** Trucks queued for this lane, oldest first (a number: that many, class unknown, waiting since the state's time). */
  queue: StateTruck[] | number;
  /** The truck at the booth, if any. */
  inService: StateTruck | null;
}

/**
 * The crossing now: where a forecast starts (no warm-up). `approach` holds trucks that have
 * arrived but not yet joined a lane's queue (they choose a lane at the state's time).
 */
export interface LiveState {
  at: string;
  lanes: StateLane[];
  approach?: StateTruck[];
  /** Pre-arrival declarations: trucks announced for a time in the forecast window. */
  expectedArrivals?: Array<{ at: string; trusted: boolean | null }>;
  /** Officers who can staff a PIL booth; caps the open lanes (default: the open lanes). */
  officersOnDuty?: number;
  secondary?: { inInspection: StateTruck[]; queue: StateTruck[] | number };
}

/** A forecast quantity in one bucket, over replications: mean, median and prediction intervals. */
export interface Band {
  mean: number;
  p50: number;
  pi80: [number, number];
  pi95: [number, number];
  /** Replications that had a value (a wait needs a truck to start its PIL in the bucket). */
  n: number;
}

export interface ForecastPoint {
  /** Bucket start (ISO 8601; buckets are aligned to the clock, the first one starts at the state's time). */
  at: string;
  /** Bucket end, minutes after the state's time. */
  minutes_ahead: number;
  /** Time-average trucks waiting for the PIL. */
  queue_length: Band;
  /** Mean PIL wait of the trucks whose PIL starts in the bucket, s (null: no truck in any replication). */
  wait_s: Band | null;
  /** PIL decisions per hour. */
  throughput_per_hour: Band;
}

export interface Forecast {
  scenario: string;
  state_at: string;
  hours: number;
  replications: number;
  seed: number;
  bucket_minutes: number;
  /** The state's open lanes by lane type, after any what-if action. */
  lanes_open: Record<string, number>;
  /** What-if action applied ('none' for the plain forecast). */
  action: string;
  points: ForecastPoint[];
  /** Over the whole window: mean PIL wait, time-average queue and throughput, per replication banded. */
  summary: { wait_s: Band | null; queue_length: Band; throughput_per_hour: Band };
  wall_ms: number;
}
