import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TelemetryExport } from './export-telemetry/telemetry-export';
import { ForecastViews } from './get-forecast/forecast-view';
import { GetTwinAccuracyHandler, GetTwinForecastHandler, GetTwinScenarioHandler } from './get-forecast/twin-queries.handler';
import { ImportTelemetryHandler } from './import-telemetry/import-telemetry.handler';
import { GetLiveStateHandler } from './live-state/get-live-state.handler';
import { DeclarationsView } from './live-state/declarations-view';
import { LanesView } from './live-state/lanes-view';
import { LiveStateBuilder } from './live-state/live-state-builder';
import { ForecastRepository } from './persistence/forecast.repository';
import { TelemetryRepository } from './persistence/telemetry.repository';
import { TWIN_ENTITIES } from './persistence/twin.entities';
import { AccuracyPublisher } from './publish-accuracy/accuracy-publisher';
import { LanesTelemetryHandler } from './record-telemetry/lanes-telemetry.handler';
import { ForecastRefresher } from './refresh-forecast/forecast-refresher';
import { RefreshTwinForecastHandler } from './refresh-forecast/refresh-forecast.handler';
import { TwinController } from './twin.controller';
import { DEFAULT_TWIN_OPTIONS, TWIN_OPTIONS, TwinLifecycle, type TwinModuleOptions } from './twin.lifecycle';
import { RunWhatIfHandler } from './what-if/what-if.handler';

const PROVIDERS: Provider[] = [
  TelemetryRepository,
  ForecastRepository,
  LanesView,
  DeclarationsView,
  LiveStateBuilder,
  TelemetryExport,
  ForecastViews,
  AccuracyPublisher,
  ForecastRefresher,
  TwinLifecycle,
  LanesTelemetryHandler,
  ImportTelemetryHandler,
  GetLiveStateHandler,
  RefreshTwinForecastHandler,
  GetTwinForecastHandler,
  GetTwinScenarioHandler,
  GetTwinAccuracyHandler,
  RunWhatIfHandler,
];

/**
 * The digital twin of the crossing: records telemetry (from the lanes context's passage events, or
 * imported as JSON lines), calibrates a simulation scenario on it, forecasts queues and waits from
 * the live state every TWIN_REFRESH_MINUTES (job queue 'twin.forecast'), tests what-if actions and
 * publishes its own accuracy to the KPI context. Register TWIN_MIGRATIONS with the host. Works
 * alone; with LanesModule it follows the lanes, with KpiModule it publishes its accuracy.
 */
@Module({
  imports: [TypeOrmModule.forFeature(TWIN_ENTITIES)],
  controllers: [TwinController],
  providers: [...PROVIDERS, { provide: TWIN_OPTIONS, useValue: DEFAULT_TWIN_OPTIONS }],
})
export class TwinModule {
  /** TwinModule with options, e.g. `{ schedule: false }` for tests that refresh themselves. */
  static forRoot(options: TwinModuleOptions = {}): DynamicModule {
    return { module: TwinModule, providers: [{ provide: TWIN_OPTIONS, useValue: { ...DEFAULT_TWIN_OPTIONS, ...options } }] };
  }
}
