// Public door of @corridor/twin: the digital twin service.
export { TwinModule } from './twin.module';
export { TWIN_MIGRATIONS } from './persistence/twin.migrations';
export { FORECAST_QUEUE, type ForecastJob, type TwinModuleOptions } from './twin.lifecycle';

// Commands and queries
export { ImportTelemetry, type ImportResult } from './import-telemetry/import-telemetry.command';
export { GetLiveState } from './live-state/get-live-state.query';
export { RefreshTwinForecast } from './refresh-forecast/refresh-forecast.command';
export { GetTwinAccuracy, GetTwinForecast, GetTwinScenario } from './get-forecast/twin-queries';
export { RunWhatIf, type WhatIfRequest } from './what-if/what-if.query';
export type { TwinForecastView } from './get-forecast/forecast-view';
export { TWIN_INITIATIVE_NAME, TWIN_KPIS } from './publish-accuracy/accuracy-publisher';
