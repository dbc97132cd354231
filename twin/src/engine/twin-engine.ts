// The one door to the simulator's digital-twin functions (pure: parse, calibrate, forecast, score).
// The twin service wraps them with storage, schedules and HTTP; nothing else in twin/ imports them.
import type { calibrate } from '@corridor/sim';

export {
  actualSeries, calibrate, CalibrationError, checkVisits, FitError, forecast, liveStateFromTelemetry, LiveStateError, parseTelemetry, scoreForecasts, simulateTelemetry, telemetryJsonl, TelemetryError, whatIf,
} from '@corridor/sim';
export type { AccuracyReport, ActualPoint, Forecast, LiveState, Scenario, TelemetryEvent, WhatIfResult } from '@corridor/sim';
export type { KnownLane as TwinLane } from '@corridor/sim';

export type Calibration = ReturnType<typeof calibrate>;
