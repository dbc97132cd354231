import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LaneEngine } from './assemble-passages/lane-engine';
import { LaneDirectory } from './configure-lanes/lane-directory';
import { demoPort } from './model/demo-port';
import { LaneRepository } from './persistence/lane.repository';
import { LaneDeviceGateway } from './record-device-event/mqtt-device-gateway';

/**
 * Start-up and shutdown in the one order that works: seed the demo port if there is no port,
 * load the lanes, resume passages, then listen to devices; on shutdown stop listening first
 * and let each lane finish its queue while the database is still open.
 */
@Injectable()
export class LanesLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Lanes');

  constructor(private readonly lanes: LaneRepository, private readonly directory: LaneDirectory, private readonly engine: LaneEngine, private readonly gateway: LaneDeviceGateway) {}

  async onApplicationBootstrap(): Promise<void> {
    const seed = demoPort();
    if (await this.lanes.seedIfEmpty(seed)) this.logger.log(`no port configured: created the demo port "${seed.port.name}" with ${seed.lanes.length} lanes`);
    const lanes = await this.directory.load();
    await this.engine.start();
    this.gateway.start();
    this.logger.log(`${lanes.length} lanes ready${this.gateway.enabled ? '; device events over MQTT and HTTP' : '; device events over HTTP (set MQTT_URL for MQTT)'}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.gateway.stop();
    await this.engine.stop();
  }
}
