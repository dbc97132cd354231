import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateInitiativeHandler } from './create-initiative/create-initiative.handler';
import { DefineKpiHandler, UpdateKpiHandler } from './define-kpi/define-kpi.handler';
import { FindMeasurementsHandler } from './find-measurements/find-measurements.handler';
import { DecideGateHandler } from './gates/decide-gate.handler';
import { GetGateHandler, ListDecisionsHandler } from './gates/get-gate.handler';
import { GetInitiativeHandler } from './get-initiative/get-initiative.handler';
import { InitiativeReadModel } from './initiatives/initiative-read-model';
import { InitiativesController } from './initiatives.controller';
import { ListInitiativesHandler } from './list-initiatives/list-initiatives.handler';
import { KPI_ENTITIES } from './persistence/kpi.entities';
import { KpiRepository } from './persistence/kpi.repository';
import { RecordMeasurementsHandler } from './record-measurements/record-measurements.handler';
import { RunsController } from './runs.controller';
import { GetRunHandler, ListRunsHandler } from './runs/get-run.handler';
import { PublishSimulationRunHandler } from './runs/publish-simulation-run.handler';
import { KPI_MODULE_OPTIONS, KpiSeeder, type KpiModuleOptions } from './seed/kpi-seeder';
import { TrsController } from './trs.controller';
import { GetTrsBreakdownHandler, RecordTrsEventsHandler, RecordTrsMeasurementsHandler, TrsEventObservedHandler } from './trs/trs.handlers';
import { TelemetryBridge } from './trs/telemetry-bridge';

/**
 * Initiatives, KPIs, measurements, gates, simulation runs and TRS telemetry. Register
 * KPI_MIGRATIONS with the host; needs PlatformModule (persistence, auth, CQRS). Import the class
 * as is (seeds the Secure Corridor initiative on first start) or `KpiModule.forRoot({ seed: false })`.
 */
@Module({
  imports: [TypeOrmModule.forFeature(KPI_ENTITIES)],
  controllers: [InitiativesController, RunsController, TrsController],
  providers: [
    KpiRepository,
    InitiativeReadModel,
    KpiSeeder,
    CreateInitiativeHandler,
    DefineKpiHandler,
    UpdateKpiHandler,
    RecordMeasurementsHandler,
    FindMeasurementsHandler,
    GetInitiativeHandler,
    ListInitiativesHandler,
    GetGateHandler,
    ListDecisionsHandler,
    DecideGateHandler,
    PublishSimulationRunHandler,
    GetRunHandler,
    ListRunsHandler,
    RecordTrsEventsHandler,
    RecordTrsMeasurementsHandler,
    GetTrsBreakdownHandler,
    TrsEventObservedHandler,
    TelemetryBridge,
  ],
})
export class KpiModule {
  static forRoot(options: KpiModuleOptions = {}): DynamicModule {
    return { module: KpiModule, providers: [{ provide: KPI_MODULE_OPTIONS, useValue: options }] };
  }
}
