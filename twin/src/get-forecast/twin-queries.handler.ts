import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ForecastRepository } from '../persistence/forecast.repository';
import { NoForecastYetError } from '../refresh-forecast/twin-errors';
import { ForecastViews } from './forecast-view';
import { GetTwinAccuracy, GetTwinForecast, GetTwinScenario } from './twin-queries';

@QueryHandler(GetTwinForecast)
export class GetTwinForecastHandler implements IQueryHandler<GetTwinForecast> {
  constructor(private readonly forecasts: ForecastRepository, private readonly views: ForecastViews) {}

  async execute() {
    const latest = await this.forecasts.latest();
    if (!latest) throw new NoForecastYetError('forecast');
    return this.views.view(latest, new Date());
  }
}

@QueryHandler(GetTwinScenario)
export class GetTwinScenarioHandler implements IQueryHandler<GetTwinScenario> {
  constructor(private readonly forecasts: ForecastRepository) {}

  async execute() {
    const latest = await this.forecasts.latest();
    if (!latest) throw new NoForecastYetError('calibrated scenario');
    return { made_at: latest.madeAt, yaml: latest.scenarioYaml, report: latest.calibration };
  }
}

@QueryHandler(GetTwinAccuracy)
export class GetTwinAccuracyHandler implements IQueryHandler<GetTwinAccuracy> {
  constructor(private readonly forecasts: ForecastRepository) {}

  async execute() {
    const latest = await this.forecasts.latestAccuracy();
    if (!latest) throw new NoForecastYetError('accuracy report (a refresh scores the forecasts made before it, so it takes two)');
    return { scored_at: latest.madeAt, ...latest.report };
  }
}
