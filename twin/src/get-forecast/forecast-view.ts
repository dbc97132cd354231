import { Injectable } from '@nestjs/common';
import { actualSeries, type ActualPoint, type Forecast } from '../engine/twin-engine';
import type { StoredForecast } from '../persistence/forecast.repository';
import { TelemetryRepository } from '../persistence/telemetry.repository';

const HOUR = 3_600_000;
/** The actual series starts this long before the forecast's state, so the fan has history beside it. */
export const ACTUAL_HOURS_BEFORE = 3;
/** Telemetry read before the series starts, so trucks already queued then are known. */
const LEAD_HOURS = 6;

/** A stored forecast as served: the forecast and what actually happened from 3 h before its state to now. */
export interface TwinForecastView {
  id: string;
  made_at: string;
  state_at: string;
  hours: number;
  forecast: Forecast;
  actual: ActualPoint[];
}

@Injectable()
export class ForecastViews {
  constructor(private readonly telemetry: TelemetryRepository) {}

  async view(stored: StoredForecast, now: Date): Promise<TwinForecastView> {
    const from = new Date(Date.parse(stored.stateAt) - ACTUAL_HOURS_BEFORE * HOUR);
    const to = new Date(Math.max(now.getTime(), from.getTime()));
    const events = await this.telemetry.events(new Date(from.getTime() - LEAD_HOURS * HOUR).toISOString(), new Date(to.getTime() + 1).toISOString());
    return {
      id: stored.id,
      made_at: stored.madeAt,
      state_at: stored.stateAt,
      hours: stored.hours,
      forecast: stored.forecast,
      actual: actualSeries(events, from.toISOString(), to.toISOString(), stored.forecast.bucket_minutes),
    };
  }
}
