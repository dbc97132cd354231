import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AccuracyReport, Forecast, Scenario } from '../engine/twin-engine';
import { ForecastRow } from './twin.entities';

/** A stored refresh, its JSON columns read back. */
export interface StoredForecast {
  id: string;
  madeAt: string;
  stateAt: string;
  hours: number;
  scenarioYaml: string;
  scenario: Scenario;
  calibration: unknown;
  forecast: Forecast;
  accuracy: AccuracyReport | null;
}

/** At most this many past forecasts are scored at a refresh (a day of 5-minute refreshes). */
export const MAX_SCORED_FORECASTS = 300;

@Injectable()
export class ForecastRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async save(forecast: StoredForecast): Promise<void> {
    await this.db.getRepository(ForecastRow).insert({
      id: forecast.id,
      madeAt: forecast.madeAt,
      stateAt: forecast.stateAt,
      hours: forecast.hours,
      scenarioYaml: forecast.scenarioYaml,
      scenarioJson: JSON.stringify(forecast.scenario),
      calibration: JSON.stringify(forecast.calibration),
      forecast: JSON.stringify(forecast.forecast),
      accuracy: forecast.accuracy ? JSON.stringify(forecast.accuracy) : null,
    });
  }

  /** The latest refresh (null before the first). */
  async latest(): Promise<StoredForecast | null> {
    const row = await this.db.getRepository(ForecastRow).createQueryBuilder('f').orderBy('f.madeAt', 'DESC').addOrderBy('f.id', 'DESC').getOne();
    return row ? toStored(row) : null;
  }

  /** The latest refresh that scored earlier forecasts. */
  async latestAccuracy(): Promise<{ madeAt: string; report: AccuracyReport } | null> {
    const row = await this.db.getRepository(ForecastRow).createQueryBuilder('f').select(['f.madeAt', 'f.accuracy']).where('f.accuracy IS NOT NULL')
      .orderBy('f.madeAt', 'DESC').getOne();
    return row?.accuracy ? { madeAt: row.madeAt, report: JSON.parse(row.accuracy) as AccuracyReport } : null;
  }

  /** Forecasts whose window had started by `before` and that start at or after `since`, newest first (capped). */
  async startedBetween(since: string, before: string): Promise<Forecast[]> {
    const rows = await this.db.getRepository(ForecastRow).createQueryBuilder('f').select(['f.id', 'f.forecast'])
      .where('f.stateAt >= :since AND f.stateAt < :before', { since, before })
      .orderBy('f.stateAt', 'DESC').take(MAX_SCORED_FORECASTS).getMany();
    return rows.map((row) => JSON.parse(row.forecast) as Forecast);
  }
}

function toStored(row: ForecastRow): StoredForecast {
  return {
    id: row.id,
    madeAt: row.madeAt,
    stateAt: row.stateAt,
    hours: row.hours,
    scenarioYaml: row.scenarioYaml,
    scenario: JSON.parse(row.scenarioJson) as Scenario,
    calibration: JSON.parse(row.calibration),
    forecast: JSON.parse(row.forecast) as Forecast,
    accuracy: row.accuracy ? (JSON.parse(row.accuracy) as AccuracyReport) : null,
  };
}
