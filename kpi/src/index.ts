// Public door of @corridor/kpi: the KPI & gate context.
export { KpiModule } from './kpi.module';
export type { KpiModuleOptions } from './seed/kpi-seeder';
export { KPI_MIGRATIONS } from './persistence/kpi.migrations';
export { SECURE_CORRIDOR_INITIATIVE_ID } from './seed/secure-corridor';

// Commands and queries
export { CreateInitiative } from './create-initiative/create-initiative.command';
export { DefineKpi, UpdateKpi } from './define-kpi/define-kpi.command';
export { RecordMeasurements } from './record-measurements/record-measurements.command';
export { FindMeasurements } from './find-measurements/find-measurements.query';
export { GetInitiative } from './get-initiative/get-initiative.query';
export { ListInitiatives } from './list-initiatives/list-initiatives.query';
export { GetGate, ListDecisions } from './gates/get-gate.query';
export { DecideGate } from './gates/decide-gate.command';
export { PublishSimulationRun } from './runs/publish-simulation-run.command';
export { GetRun, ListRuns } from './runs/get-run.query';
export type { RunKpi, SimulationRunInput } from './runs/simulation-run';
export type { RunSummary, RunView } from './runs/run-view';
export { GetTrsBreakdown, RecordTrsEvents, RecordTrsMeasurements, TrsEventObserved } from './trs/trs.commands';
export { GateDecided, SimulationRunPublished } from './events';

// Pure model: gate rules, TRS aggregation, CSV
export { conservativeBound, evaluateGate, meetsTarget } from './gates/evaluate-gate';
export type { Criterion, CriterionEvidence, GateEvaluation, GateMeasurement } from './gates/evaluate-gate';
export { DECISIONS, type Decision } from './gates/decide';
export { DEFAULT_PLAN, GATED_PHASES, PHASES, TARGET_PHASES, nextPhase } from './model/phases';
export type { Phase, PhasePlan, PlannedDays, TargetPhase } from './model/phases';
export { DIRECTIONS, type Baseline, type Direction, type KpiDefinition, type Targets } from './model/kpi-definition';
export { MEASUREMENT_SOURCES, type Interval, type MeasurementSource, type MeasurementView, type NewMeasurement } from './model/measurement';
export type { Schedule, ScheduleStatus } from './model/initiative';
export type { DecisionView, GateStatus, InitiativeSummary, InitiativeView, KpiView, PhaseSpell } from './model/views';
export {
  TRS_BUCKETS, TRS_EVENT_TYPES, TRS_SEGMENTS, TRS_SEGMENT_NAMES, aggregateTrs, percentile, segmentSamples, segmentStats,
} from './trs/trs-aggregator';
export type { SegmentStats, TrsBreakdown, TrsBucket, TrsBucketSize, TrsEvent, TrsEventType, TrsSample, TrsSegmentDefinition, TrsSegmentName } from './trs/trs-aggregator';
export { csvField, measurementsCsv, toCsv } from './csv/to-csv';
