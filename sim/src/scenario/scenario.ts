// The validated scenario: what a YAML file means once parsed (see parse-scenario.ts for the file
// format and README.md for the field reference). Plain JSON data, so it can travel to worker
// threads and Bull jobs as is. Times are seconds unless a name says otherwise.
import type { DistributionSpec } from '../random/distributions';

export const LANE_TYPES = ['standard', 'trusted', 'mixed'] as const;
/** standard: every truck; trusted: trusted trucks only; mixed: both (trusted trucks get the automated path if equipped). */
export type LaneType = (typeof LANE_TYPES)[number];

export const SERVICE_MODES = ['none', 'real'] as const;
/** none: the pure model decides everything; real: the declarations, risk and lanes modules run in process. */
export type ServiceMode = (typeof SERVICE_MODES)[number];

/** One independent arrival stream. */
export interface ArrivalStream {
  name: string;
  /** Poisson (default) or evenly spaced arrivals (constant rate only). */
  process: 'poisson' | 'deterministic';
  /** Constant rate, arrivals per hour; null when `hourlyRates` is used. */
  ratePerHour: number | null;
  /** 24 rates (arrivals per hour), index 0 for 00:00-01:00, repeating daily; null for a constant rate. */
  hourlyRates: number[] | null;
  /** Share of this stream's trucks that are trusted; null: truck_mix.trusted_share. */
  trustedShare: number | null;
}

export interface Technology {
  rfid: boolean;
  lpr: boolean;
  cctv: boolean;
  voip: boolean;
}

/** `count` parallel primary-inspection lanes of one kind sharing one queue. */
export interface LaneGroup {
  name: string;
  count: number;
  type: LaneType;
  /** Lanes open by hour of day (24 integers, 0..count); null: all `count` lanes always open. */
  schedule: number[] | null;
  /** PIL time of the manual path (the officer keys the passage), every truck without the automated path. */
  serviceTime: DistributionSpec;
  /** Manual-path time of trusted trucks, when it differs. */
  trustedServiceTime: DistributionSpec | null;
  technology: Technology;
  /** PIL time of the automated path (trusted truck identified by RFID, every read good, release recommended). */
  automatedServiceTime: DistributionSpec | null;
  /** Added to the automated time for each failed or doubtful read (the officer keys what is missing). */
  fallbackExtra: DistributionSpec;
}

export interface TruckMix {
  /** Share of trucks from trusted carriers (FAST/AEO/PIP), who carry an RFID transponder. */
  trustedShare: number;
  /** Share of trucks whose declaration was lodged before arrival. */
  prelodgedShare: number;
  /** Probability that risk selects (or the officer refers) a truck, by class. */
  referral: { standard: number; trusted: number };
  /** Probability an identified truck without a declaration is referred (the lanes module refers it). */
  noDeclarationReferral: number;
}

export interface DeviceReliability {
  /** Probability the RFID reader reads a transponder. */
  rfidReadRate: number;
  /** Probability the plate reader reads the plate confidently and right. */
  lprAccuracy: number;
  /** Probability the camera confirms the enrolled driver. */
  cctvMatchRate: number;
  /** Probability the officer calls the driver over VoIP when the automated path does not apply (VoIP lanes only). */
  voipCallProbability: number;
  voipCallTime: DistributionSpec;
}

export interface Officers {
  /** Probability the officer follows a release or refer recommendation. */
  followProbability: number;
  /** Added to every PIL service: reading the passage and deciding. */
  decisionTime: DistributionSpec;
}

export interface Secondary {
  bays: number;
  /** Bays open by hour of day (24 integers, 0..bays); null: always all open. */
  schedule: number[] | null;
  inspectionTime: DistributionSpec;
}

/** Options of `services: real`. */
export interface RealServices {
  /** How long before arrival a pre-lodged declaration is lodged, minutes (a bounded distribution). */
  lodgeLeadMinutes: DistributionSpec;
  /** Office of entry of the declarations (UN/LOCODE). */
  office: string;
  /** Goods items per declaration, or null for the generator's own mix. */
  declarationItems: { min: number; max: number } | null;
  /** The risk module's random compliance sample (0 keeps replications reproducible). */
  riskRandomSamplingRate: number;
  /** The lanes' passage window (s). */
  passageWindowSeconds: number;
}

/** A run KPI published under an initiative's KPI key, converted to `unit` if given. */
export interface KpiMapping {
  kpi: string;
  unit: string | null;
}

export interface Scenario {
  name: string;
  description: string | null;
  seed: number;
  replications: number;
  horizonHours: number;
  warmupHours: number;
  /** Simulated time 0 is midnight UTC of this date (YYYY-MM-DD): device times and expected arrivals. */
  startDate: string;
  /** Series bucket, minutes. */
  seriesMinutes: number;
  arrivals: ArrivalStream[];
  truckMix: TruckMix;
  lanes: LaneGroup[];
  devices: DeviceReliability;
  officers: Officers;
  secondary: Secondary | null;
  services: ServiceMode;
  realServices: RealServices | null;
  publish: { kpiMap: Record<string, KpiMapping>; iteration: string | null };
}

/** Whether the scenario's arrivals include trusted trucks, and standard ones. */
export function truckClasses(scenario: Pick<Scenario, 'arrivals' | 'truckMix'>): { trusted: boolean; standard: boolean } {
  const shares = scenario.arrivals.map((a) => a.trustedShare ?? scenario.truckMix.trustedShare);
  return { trusted: shares.some((s) => s > 0), standard: shares.some((s) => s < 1) };
}

/** The KPIs a run can report (which appear depends on the scenario), with units. */
export const KPI_UNITS: Readonly<Record<string, string>> = {
  pil_wait_s: 's',
  pil_wait_s_trusted: 's',
  pil_wait_s_standard: 's',
  pil_processing_s: 's',
  pil_processing_s_trusted: 's',
  pil_processing_s_standard: 's',
  time_in_system_s: 's',
  time_in_system_s_trusted: 's',
  time_in_system_s_standard: 's',
  throughput_per_hour: 'trucks/h',
  peak_hour_throughput: 'trucks/h',
  throughput_per_lane_hour: 'trucks/h',
  trucks_per_busy_lane_hour: 'trucks/h',
  pil_capacity_per_hour: 'trucks/h',
  pil_queue_length: 'trucks',
  pil_utilisation: 'ratio',
  referral_rate: 'ratio',
  automated_share_trusted: 'ratio',
  recommendation_followed_rate: 'ratio',
  secondary_wait_s: 's',
  arrivals_per_hour: 'trucks/h',
};

/** Units a published KPI may be converted to, from the unit the simulator reports. */
export const UNIT_CONVERSIONS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  s: { s: 1, min: 1 / 60, h: 1 / 3600 },
  ratio: { ratio: 1, '%': 100 },
  'trucks/h': { 'trucks/h': 1, 'trucks/day': 24 },
  trucks: { trucks: 1 },
};
