import { DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeclarationChangesHandler } from './assemble-passages/declaration-changes.handler';
import { ExitTracker } from './assemble-passages/exit-tracker';
import { LaneEngine } from './assemble-passages/lane-engine';
import { PassageEnricher } from './assemble-passages/passage-enricher';
import { CreatePortHandler } from './configure-lanes/create-port.handler';
import { LaneDirectory } from './configure-lanes/lane-directory';
import { ListLanesHandler, ListPortsHandler } from './configure-lanes/list-lanes.handler';
import { DecidePassageHandler } from './decide-passage/decide-passage.handler';
import { FindCarriersHandler, GetCarrierHandler } from './find-carriers/find-carriers.handler';
import { GetCurrentPassageHandler, GetPassageHandler, ListPassagesHandler } from './get-passage/get-passage.handler';
import { LanesController } from './lanes.controller';
import { LanesLifecycle } from './lanes.lifecycle';
import { PassagesController } from './passages.controller';
import { TrustedTradersController } from './trusted-traders.controller';
import { CarrierRepository } from './persistence/carrier.repository';
import { LaneRepository } from './persistence/lane.repository';
import { LANES_ENTITIES } from './persistence/lanes.entities';
import { PassageRepository } from './persistence/passage.repository';
import { GetIngestStatsHandler, GetLaneStatsHandler } from './record-device-event/get-lane-stats.handler';
import { IngestStats } from './record-device-event/ingest-stats';
import { LaneDeviceGateway } from './record-device-event/mqtt-device-gateway';
import { RecordDeviceEventHandler } from './record-device-event/record-device-event.handler';
import { ChangeCarrierStatusHandler, RegisterCarrierHandler } from './register-carrier/register-carrier.handler';
import { CertificateCheck, NoCertificateChecks } from './seams/certificate-check';
import { RegistryTrustedStatus, TrustedStatusProvider } from './seams/trusted-status';
import { PassageFeed } from './stream-passages/passage-feed';
import { StreamAuthGuard } from './stream-passages/stream-auth.guard';

export interface LanesModuleOptions {
  /** Where trusted status comes from (default: this context's registry). */
  trustedStatus?: Type<TrustedStatusProvider>;
  /** Certificate checks for the declarations a truck carries (default: none). */
  certificates?: Type<CertificateCheck>;
}

const PROVIDERS: Provider[] = [
  LaneRepository,
  CarrierRepository,
  PassageRepository,
  LaneDirectory,
  IngestStats,
  PassageFeed,
  ExitTracker,
  PassageEnricher,
  LaneEngine,
  LaneDeviceGateway,
  LanesLifecycle,
  StreamAuthGuard,
  CreatePortHandler,
  ListLanesHandler,
  ListPortsHandler,
  RecordDeviceEventHandler,
  GetLaneStatsHandler,
  GetIngestStatsHandler,
  RegisterCarrierHandler,
  ChangeCarrierStatusHandler,
  FindCarriersHandler,
  GetCarrierHandler,
  DecidePassageHandler,
  GetPassageHandler,
  GetCurrentPassageHandler,
  ListPassagesHandler,
  DeclarationChangesHandler,
];

/**
 * The trusted-trader lanes: ports and lanes, the trusted-trader registry, device events (MQTT
 * when MQTT_URL is set, and HTTP), passage assembly, recommendation, decisions and the console
 * stream. Register LANES_MIGRATIONS with the host (after DECLARATION_MIGRATIONS); import
 * DeclarationsModule in the same host for declaration look-ups (without it the lane asks the
 * officer to check declarations by hand).
 */
@Module({
  imports: [TypeOrmModule.forFeature(LANES_ENTITIES)],
  controllers: [LanesController, PassagesController, TrustedTradersController],
  providers: [...PROVIDERS, { provide: TrustedStatusProvider, useClass: RegistryTrustedStatus }, { provide: CertificateCheck, useClass: NoCertificateChecks }],
  exports: [LaneDeviceGateway, TrustedStatusProvider],
})
export class LanesModule {
  /** LanesModule with other seams plugged in, e.g. the e-cert context's AEO registry. */
  static forRoot(options: LanesModuleOptions = {}): DynamicModule {
    return {
      module: LanesModule,
      providers: [
        { provide: TrustedStatusProvider, useClass: options.trustedStatus ?? RegistryTrustedStatus },
        { provide: CertificateCheck, useClass: options.certificates ?? NoCertificateChecks },
      ],
    };
  }
}
