import { Query } from '@nestjs/cqrs';
import type { AccuracyReport } from '../engine/twin-engine';
import type { TwinForecastView } from './forecast-view';

/** The latest stored forecast with the actual series beside it. */
export class GetTwinForecast extends Query<TwinForecastView> {}

/** The scenario calibrated at the latest refresh, as YAML, with its calibration report. */
export class GetTwinScenario extends Query<{ made_at: string; yaml: string; report: unknown }> {}

/** The latest accuracy report (the scoring of earlier forecasts at a refresh). */
export class GetTwinAccuracy extends Query<AccuracyReport & { scored_at: string }> {}
