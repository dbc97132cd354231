import { Command } from '@nestjs/cqrs';
import type { IngestResult } from '../assemble-passages/lane-engine';
import type { ReadSource } from '../model/assembler';

/** A device message for a lane, from MQTT or HTTP; validated by the lane, never trusted. */
export class RecordDeviceEvent extends Command<IngestResult> {
  constructor(readonly laneId: string, readonly device: unknown, readonly payload: unknown, readonly source: ReadSource) {
    super();
  }
}
