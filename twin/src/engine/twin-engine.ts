// The one door to the simulator's digital-twin functions (pure: parse, calibrate, forecast, score).
// The twin service wraps them with storage, schedules and HTTP; nothing else in twin/ imports them.
import type { calibrate } from '@corridor/sim/twin';

export {
  actualSeries, calibrate, CalibrationError, checkVisits, FitError, forecast, liveStateFromTelemetry, LiveStateError, parseTelemetry, scoreForecasts, simulateTelemetry, telemetryJsonl, TelemetryError, whatIf,
} from '@corridor/sim/twin';
export type { AccuracyReport, ActualPoint, Forecast, LiveState, Scenario, TelemetryEvent, WhatIfResult } from '@corridor/sim/twin';
export type { KnownLane as TwinLane } from '@corridor/sim/twin';

export type Calibration = ReturnType<typeof calibrate>;
