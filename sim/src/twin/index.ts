// @corridor/sim/twin: the digital twin's pure functions (telemetry, calibration, live state,
// forecasts, what-if, accuracy) and what they need of the simulator, without the runner's worker
// pool or the real-services adapter, so the twin service bundles only what it uses.
export { loadScenario, parseScenario } from '../scenario/parse-scenario';
export { ScenarioError } from '../scenario/yaml-reader';
export type { Scenario, LaneType } from '../scenario/scenario';
export * from './types';
export { parseTelemetry, telemetryJsonl, checkVisits, byTime, simulateTelemetry, TelemetryError, type TelemetryIssue, type VisitProblem, type SimulateTelemetryOptions } from './telemetry';
export { calibrate, visitsOf, CalibrationError, MIN_SERVICES, type CalibrationReport, type CalibrateOptions, type FitSummary, type Rate, type Visit } from './calibrate';
export { fitBest, fitExponential, fitLognormal, fitGamma, ksStatistic, cdfOf, FitError, FIT_FAMILIES, type FitFamily, type DistributionFit } from './fit';
export { parseLiveState, liveStateFromTelemetry, LiveStateError, type StateIssue, type KnownLane } from './live-state';
export { forecast, planForecast, band, MAX_FORECAST_HOURS, type ForecastOptions, type ForecastPlan } from './forecast';
export { whatIf, whatIfActions, type WhatIfAction, type WhatIfOption, type WhatIfResult } from './what-if';
export { actualSeries, scoreForecasts, type ActualPoint, type AccuracyReport, type AccuracyRow } from './accuracy';
