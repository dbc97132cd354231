import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CorridorConfig } from '@corridor/platform';
import { whatIf } from '../engine/twin-engine';
import { LiveStateBuilder } from '../live-state/live-state-builder';
import { ForecastRepository } from '../persistence/forecast.repository';
import { NoForecastYetError, simulating } from '../refresh-forecast/twin-errors';
import { RunWhatIf } from './what-if.query';

/** Runs the what-if on the latest calibrated scenario from the live state now. */
@QueryHandler(RunWhatIf)
export class RunWhatIfHandler implements IQueryHandler<RunWhatIf> {
  constructor(private readonly config: CorridorConfig, private readonly forecasts: ForecastRepository, private readonly states: LiveStateBuilder) {}

  async execute({ request }: RunWhatIf) {
    const latest = await this.forecasts.latest();
    if (!latest) throw new NoForecastYetError('calibrated scenario to test actions on');
    const now = new Date();
    const state = await this.states.at(now);
    return simulating(() => whatIf(latest.scenario, state, {
      hours: request.hours,
      targetWaitSeconds: request.targetWaitSeconds,
      replications: this.config.twin.replications,
      seed: Math.floor(now.getTime() / 60_000) % 2_147_483_647,
    }));
  }
}
