import { Command } from '@nestjs/cqrs';
import type { TwinForecastView } from '../get-forecast/forecast-view';

/** Calibrates, forecasts and scores now, as the scheduled job does; returns the new forecast. */
export class RefreshTwinForecast extends Command<TwinForecastView> {}
