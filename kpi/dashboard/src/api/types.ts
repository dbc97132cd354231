/**
 * The KPI API's shapes as the dashboard reads them. They mirror the schemas of the `kpi` tag in
 * apps/corridor/openapi.json (InitiativeSummaryDto, InitiativeViewDto, GateDto, DecisionDto,
 * RunViewDto, TrsBreakdownDto...) and of the `twin` tag (Twin*Dto); `types.spec.ts` checks every field named here against it.
 */

export type Phase = 'poc' | 'prototype' | 'pilot' | 'production' | 'stopped';
export type TargetPhase = 'prototype' | 'pilot' | 'production';
export type Direction = 'lower' | 'higher';
export type MeasurementSource = 'simulation' | 'live' | 'manual';
export type Interval = [number, number];

export interface PlannedDays {
  min: number;
  max: number;
}

export interface Schedule {
  daysInPhase: number;
  plannedDays: PlannedDays | null;
  /** daysInPhase / plannedDays.max; null when open-ended. */
  progress: number | null;
  status: 'on-plan' | 'overdue' | 'open-ended';
}

export interface GateStatus {
  next: TargetPhase | null;
  ready: boolean;
  met: number;
  total: number;
}

export interface InitiativeSummary {
  id: string;
  name: string;
  description: string;
  owner: string;
  phase: Phase;
  phaseStartedAt: string;
  schedule: Schedule;
  daysInPhase: number;
  plannedDays: PlannedDays | null;
  gate: GateStatus;
  kpiCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Measurement {
  id: string;
  initiativeId: string;
  kpi: string;
  value: number;
  ci95: Interval | null;
  n: number | null;
  unit: string;
  source: MeasurementSource;
  runId: string | null;
  iteration: string | null;
  at: string;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface Baseline {
  value: number;
  source?: string | null;
}

export type Targets = Partial<Record<TargetPhase, number>>;

export interface KpiView {
  key: string;
  name: string;
  unit: string;
  direction: Direction;
  baseline: Baseline | null;
  targets: Targets;
  description: string | null;
  latest: Measurement | null;
  /** (latest - baseline) / |baseline|; null without both. */
  changeFromBaseline: number | null;
  /** The target the next gate asks for. */
  nextTarget: number | null;
  createdAt: string;
}

export interface PhaseSpell {
  phase: Phase;
  startedAt: string;
  endedAt: string | null;
  plannedDays: PlannedDays | null;
  days: number;
  decisionId: string | null;
}

export interface InitiativeView extends InitiativeSummary {
  createdBy: string;
  plan: Partial<Record<Phase, PlannedDays>>;
  phaseHistory: PhaseSpell[];
  kpis: KpiView[];
}

export interface CriterionEvidence {
  measurementId: string;
  source: MeasurementSource;
  runId: string | null;
  iteration: string | null;
  at: string;
}

export interface Criterion {
  kpi: string;
  name: string;
  unit: string;
  direction: Direction;
  target: number;
  value: number | null;
  ci95: Interval | null;
  n: number | null;
  /** The CI bound compared with the target (upper for lower-is-better), or the value. */
  bound: number | null;
  met: boolean;
  reason: string;
  evidence: CriterionEvidence | null;
}

export interface Gate {
  phase: Phase;
  next: TargetPhase | null;
  ready: boolean;
  met: number;
  total: number;
  criteria: Criterion[];
  runIds: string[];
}

export interface Decision {
  id: string;
  initiativeId: string;
  decision: 'go' | 'no-go';
  override: boolean;
  stop: boolean;
  from: Phase;
  to: Phase | null;
  moved: boolean;
  phase: Phase;
  note: string | null;
  by: string;
  at: string;
  evidence: Gate;
}

export interface RunKpi {
  mean: number;
  ci95?: Interval | null;
  unit?: string | null;
  n?: number | null;
  sd?: number | null;
}

export interface RunSummary {
  runId: string;
  initiativeId: string | null;
  scenario: string;
  iteration: string | null;
  at: string;
  kpis: Record<string, RunKpi>;
  publishedAt: string;
  publishedBy: string;
  meta: { replications?: number; seed?: number | string; meta?: Record<string, unknown> } | null;
  seriesLength: number;
}

export interface RunView extends Omit<RunSummary, 'seriesLength'> {
  series: unknown[] | null;
  measurements: Measurement[];
  unmatched: string[];
}

export interface SegmentStats {
  n: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
  sd: number | null;
}

export interface TrsSegment {
  name: string;
  label: string;
  start: string;
  end: string;
  stackedIn: string | null;
}

export interface TrsBucket {
  start: string;
  end: string;
  segments: Record<string, SegmentStats>;
}

export interface TrsBreakdown {
  bucket: 'hour' | 'day';
  from: string;
  to: string;
  unit: string;
  lane: string | null;
  segments: TrsSegment[];
  buckets: TrsBucket[];
  totals: Record<string, SegmentStats>;
  open: Record<string, number>;
}

/** What the forms send. */
export interface NewKpi {
  key: string;
  name?: string;
  unit: string;
  direction: Direction;
  baseline?: { value: number; source?: string };
  targets?: Targets;
}

export interface NewInitiative {
  name: string;
  description?: string;
  owner?: string;
  phase?: Exclude<Phase, 'stopped'>;
  phaseStartedAt?: string;
  kpis?: NewKpi[];
}

export interface NewMeasurement {
  kpi: string;
  value: number;
  ci95?: Interval;
  n?: number;
  source?: MeasurementSource;
  iteration?: string;
  at?: string;
  note?: string;
}

export interface DecisionRequest {
  decision: 'go' | 'no-go';
  note?: string;
  override?: boolean;
  stop?: boolean;
}

/*
 * The digital twin (the `twin` tag: TwinForecastViewDto, TwinWhatIfResultDto, TwinAccuracyReportDto...).
 * The same shapes as sim/src/twin/types.ts and accuracy.ts; the API keeps their snake_case names.
 */

/** A forecast quantity in one bucket, over the replications: mean, median and prediction intervals. */
export interface TwinBand {
  mean: number;
  p50: number;
  /** 80% prediction interval [lo, hi]. */
  pi80: Interval;
  /** 95% prediction interval [lo, hi]; contains pi80. */
  pi95: Interval;
  /** Replications that had a value (a wait needs a truck to start its PIL in the bucket). */
  n: number;
}

export interface TwinForecastPoint {
  /** Bucket start; the first bucket starts at the state's time. */
  at: string;
  /** Bucket end, minutes after the state's time. */
  minutes_ahead: number;
  /** Time-average trucks waiting for the PIL. */
  queue_length: TwinBand;
  /** Mean PIL wait (s) of trucks starting their PIL in the bucket; null when none did in any replication. */
  wait_s: TwinBand | null;
  /** PIL decisions per hour. */
  throughput_per_hour: TwinBand;
}

export interface TwinForecastSummary {
  wait_s: TwinBand | null;
  queue_length: TwinBand;
  throughput_per_hour: TwinBand;
}

export interface TwinForecast {
  scenario: string;
  state_at: string;
  hours: number;
  replications: number;
  seed: number;
  bucket_minutes: number;
  /** Open lanes by lane type. */
  lanes_open: Record<string, number>;
  /** The what-if action applied ('none' for the plain forecast). */
  action: string;
  points: TwinForecastPoint[];
  /** Over the whole window. */
  summary: TwinForecastSummary;
  wall_ms: number;
}

/** What happened in one bucket, from telemetry. */
export interface TwinActualPoint {
  at: string;
  /** null without arrival events. */
  queue_length: number | null;
  /** null when no truck started its PIL in the bucket. */
  wait_s: number | null;
  throughput_per_hour: number;
}

export interface TwinForecastView {
  id: string;
  made_at: string;
  state_at: string;
  hours: number;
  forecast: TwinForecast;
  /** From 3 h before the state's time to now, in the forecast's buckets. */
  actual: TwinActualPoint[];
}

/** What the what-if form sends; the server fills in what is left out. */
export interface TwinWhatIfRequest {
  hours?: number;
  target_wait_s?: number;
}

export interface TwinWhatIfOption {
  /** none, open:<type>, close:<type>, trusted_only:<lane>, add_officer:<type>... */
  action: string;
  label: string;
  /** Officers it takes (negative: frees one). */
  cost: number;
  /** The upper end of the 80% interval of the window's mean PIL wait is within the target. */
  meets_target: boolean;
  lanes_open: Record<string, number>;
  summary: TwinForecastSummary;
}

export interface TwinWhatIfResult {
  state_at: string;
  hours: number;
  replications: number;
  target_wait_s: number;
  /** The recommended option's `action`. */
  recommended: string;
  reason: string;
  options: TwinWhatIfOption[];
}

export interface TwinAccuracy {
  n: number;
  wait_mae_s: number | null;
  queue_mae: number | null;
  throughput_mae: number | null;
  /** Share of outcomes inside the 80% / 95% prediction intervals (0–1). */
  pi80_coverage: number | null;
  pi95_coverage: number | null;
}

export interface TwinAccuracyByHorizon extends TwinAccuracy {
  minutes_ahead: number;
}

export interface TwinAccuracyReport {
  /** When the refresh that scored them ran. */
  scored_at: string;
  /** Forecasts scored. */
  forecasts: number;
  by_horizon: TwinAccuracyByHorizon[];
  overall: TwinAccuracy;
}
