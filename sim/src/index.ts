// @corridor/sim: the discrete-event simulation kernel of Corridor's port/border simulator.
// Simulation time is in seconds; rates in arrivals per hour unless named otherwise.

// Kernel
export { Environment, type EnvironmentOptions, type RunOptions } from './kernel/environment';
export { Event, type EventValue, NORMAL, URGENT, MAX_PRIORITY } from './kernel/event';
export { Process, Interrupt, type ProcessGenerator } from './kernel/process';
export { Resource, Request, type ResourceOptions, type ResourceStats } from './kernel/resource';
export { Store, StoreGet, StorePut, type StoreOptions, type StoreStats } from './kernel/store';
export { hourlyCapacity, DAY_SECONDS, HOUR_SECONDS, type CapacitySchedule, type CapacityStep } from './kernel/schedule';

// Random streams and distributions
export { RandomStream, RandomStreams, randomStream, deriveState } from './random/stream';
export {
  type Distribution,
  type DistributionSpec,
  Exponential,
  Deterministic,
  Uniform,
  Triangular,
  Normal,
  Lognormal,
  Gamma,
  Empirical,
  exponential,
  exponentialRate,
  deterministic,
  uniform,
  triangular,
  normal,
  lognormal,
  lognormalMuSigma,
  gamma,
  gammaMeanSd,
  empirical,
  distribution,
} from './random/distributions';

// Arrivals
export {
  type ArrivalPattern,
  type ArrivalSourceOptions,
  PoissonArrivals,
  DeterministicArrivals,
  HourlyPoissonArrivals,
  poissonArrivals,
  deterministicArrivals,
  hourlyPoissonArrivals,
  arrivalSource,
} from './arrivals/arrivals';

// Output statistics
export {
  RunningStats,
  TimeWeightedStats,
  type ConfidenceInterval,
  confidenceInterval,
  batchMeans,
  discardWarmup,
  correlation,
} from './stats/summary';
export { logGamma, incompleteBeta, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './stats/distributions';

// Queueing theory
export { type QueueMetrics, erlangB, erlangC, mmc, mm1, mg1, md1 } from './theory/queueing';

// Scenarios (YAML), the border model, the runner and the services adapters
export {
  LANE_TYPES as SCENARIO_LANE_TYPES,
  SERVICE_MODES,
  KPI_UNITS,
  UNIT_CONVERSIONS,
  type Scenario,
  type ArrivalStream,
  type LaneGroup,
  type LaneType as ScenarioLaneType,
  type ServiceMode,
  type Technology,
  type TruckMix,
  type DeviceReliability,
  type Officers,
  type Secondary,
  type RealServices,
  type KpiMapping,
  truckClasses,
} from './scenario/scenario';
export { parseScenario, loadScenario, distributionMax } from './scenario/parse-scenario';
export { ScenarioError, formatIssue, type ScenarioIssue } from './scenario/yaml-reader';
export {
  BorderModel,
  type BorderServices,
  type BoothView,
  type Decision,
  type GroupRuntime,
  type ModelOptions,
  type PilPath,
  type Reads,
  type Recommendation,
  type ReplicationMeasures,
  type Truck,
  type ModelTelemetry,
  type InitialTruck,
  type InitialTrucks,
} from './model/border-model';
export { Recorder, type SeriesSums } from './model/recorder';
export { AsyncDriver } from './runner/async-driver';
export { runReplication, runPureReplication, type ReplicationOptions, type ReplicationResult, type ServicesReport } from './runner/replication';
export { summarize, type KpiSummary, type SeriesPoint, type SimulationResult } from './runner/summarize';
export { runScenario, resultJson, type RunScenarioOptions } from './runner/runner';
export { runInWorkers, type PoolOptions } from './runner/pool';
export { REPLICATION_QUEUE, type ReplicationJob, type ReplicationDone } from './runner/distributed-protocol';
export { publishRun, startReplicationWorker } from './services/on-demand';
export type { PublishOutcome } from './services/publish-run';


// Digital twin (also its own entry point, @corridor/sim/twin, which loads no runner or services)
export * from './twin/index';
