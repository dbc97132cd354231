import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ForecastViews } from '../get-forecast/forecast-view';
import { ForecastRefresher } from './forecast-refresher';
import { RefreshTwinForecast } from './refresh-forecast.command';

@CommandHandler(RefreshTwinForecast)
export class RefreshTwinForecastHandler implements ICommandHandler<RefreshTwinForecast> {
  constructor(private readonly refresher: ForecastRefresher, private readonly views: ForecastViews) {}

  async execute() {
    const now = new Date();
    return this.views.view(await this.refresher.refresh(now), now);
  }
}
