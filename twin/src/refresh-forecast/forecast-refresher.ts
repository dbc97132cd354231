import { Injectable, Logger } from '@nestjs/common';
import { CorridorConfig } from '@corridor/platform';
import { randomUUID } from 'node:crypto';
import { calibrate, CalibrationError, FitError, forecast, scoreForecasts, type Calibration, type TelemetryEvent } from '../engine/twin-engine';
import { LiveStateBuilder } from '../live-state/live-state-builder';
import { ForecastRepository, type StoredForecast } from '../persistence/forecast.repository';
import { TelemetryRepository } from '../persistence/telemetry.repository';
import { AccuracyPublisher } from '../publish-accuracy/accuracy-publisher';
import { CalibrationFailedError, simulating, TooLittleTelemetryError } from './twin-errors';

const HOUR = 3_600_000;
/** Forecasts made within this window before a refresh are scored against what happened since. */
export const SCORING_WINDOW_HOURS = 24;

/**
 * One refresh of the twin: calibrate a scenario on the recent telemetry, build the live state,
 * forecast from it, score the earlier forecasts whose window has (partly) elapsed, store all that
 * and publish the accuracy to the KPI context. Refreshes in this process take turns.
 */
@Injectable()
export class ForecastRefresher {
  private readonly logger = new Logger('Twin');
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly config: CorridorConfig,
    private readonly telemetry: TelemetryRepository,
    private readonly forecasts: ForecastRepository,
    private readonly states: LiveStateBuilder,
    private readonly accuracy: AccuracyPublisher,
  ) {}

  /** Refreshes as of `now` (tests and replays pass an earlier time). Throws TooLittleTelemetryError when calibration cannot run. */
  refresh(now = new Date()): Promise<StoredForecast> {
    const mine = this.tail.then(() => this.run(now));
    this.tail = mine.catch(() => undefined);
    return mine;
  }

  private async run(now: Date): Promise<StoredForecast> {
    const { calibrationHours, forecastHours, replications } = this.config.twin;
    const madeAt = now.toISOString();
    const events = await this.telemetry.events(new Date(now.getTime() - calibrationHours * HOUR).toISOString(), new Date(now.getTime() + 1).toISOString());
    const calibration = this.calibrate(events);
    const state = await this.states.at(now, events);
    const started = Date.now();
    const made = simulating(() => forecast(calibration.scenario, state, { hours: forecastHours, replications, seed: seedOf(now) }));
    const past = await this.forecasts.startedBetween(new Date(now.getTime() - SCORING_WINDOW_HOURS * HOUR).toISOString(), madeAt);
    const accuracy = past.length > 0 ? scoreForecasts(past, events, madeAt) : null;
    const stored: StoredForecast = {
      id: randomUUID(), madeAt, stateAt: state.at, hours: forecastHours, scenarioYaml: calibration.yaml, scenario: calibration.scenario,
      calibration: calibration.report, forecast: made, accuracy,
    };
    await this.forecasts.save(stored);
    const published = accuracy ? await this.accuracy.publish(accuracy, madeAt) : 0;
    this.logger.log({ forecastId: stored.id, events: events.length, points: made.points.length, scored: past.length, published, ms: Date.now() - started }, 'twin forecast refreshed');
    return stored;
  }

  private calibrate(events: readonly TelemetryEvent[]): Calibration {
    try {
      return calibrate(events, { name: 'digital-twin' });
    } catch (error) {
      if (error instanceof CalibrationError) throw new TooLittleTelemetryError(error.message);
      if (error instanceof FitError) throw new CalibrationFailedError(error.message);
      throw error;
    }
  }
}

/** A seed per minute: the same refresh replays the same, consecutive refreshes differ. */
function seedOf(now: Date): number {
  return Math.floor(now.getTime() / 60_000) % 2_147_483_647;
}
