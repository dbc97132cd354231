import { NotFoundError, UnprocessableError } from '@corridor/domain';
import { LiveStateError } from '../engine/twin-engine';

/** The calibration had too little telemetry (e.g. too few PIL services): HTTP 422 with the simulator's reason. */
export class TooLittleTelemetryError extends UnprocessableError {
  constructor(reason: string) {
    super('TWIN.TOO_LITTLE_TELEMETRY', `cannot calibrate the twin on the stored telemetry: ${reason}`);
  }
}

/** The telemetry could not be fitted (a distribution fit failed): HTTP 422 with the reason. */
export class CalibrationFailedError extends UnprocessableError {
  constructor(reason: string) {
    super('TWIN.CALIBRATION_FAILED', `the twin could not fit a scenario to the stored telemetry: ${reason}`);
  }
}

/** The live state cannot be forecast on the calibrated scenario (e.g. trusted-only lanes for standard trucks): HTTP 422. */
export class UnusableStateError extends UnprocessableError {
  constructor(reason: string) {
    super('TWIN.STATE_UNUSABLE', `cannot forecast from the live state: ${reason}`);
  }
}

/** Runs a simulator call, turning its complaints about the state or the options into a 422 rather than a 500. */
export function simulating<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof LiveStateError || error instanceof RangeError) throw new UnusableStateError(error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** Nothing calibrated or forecast yet: HTTP 404 saying how to get one. */
export class NoForecastYetError extends NotFoundError {
  constructor(what: string) {
    super('TWIN.NO_FORECAST', `no ${what} yet: import telemetry (POST /api/twin/telemetry) or let the lanes record it, then refresh (POST /api/twin/forecast) or wait for the scheduled refresh`);
  }
}
