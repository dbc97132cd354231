import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LaneEngine } from '../assemble-passages/lane-engine';
import { RecordDeviceEvent } from './record-device-event.command';

@CommandHandler(RecordDeviceEvent)
export class RecordDeviceEventHandler implements ICommandHandler<RecordDeviceEvent> {
  constructor(private readonly engine: LaneEngine) {}

  execute({ laneId, device, payload, source }: RecordDeviceEvent) {
    return this.engine.ingest(laneId, device, payload, source);
  }
}
