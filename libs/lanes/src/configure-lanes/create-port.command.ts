import { Command } from '@nestjs/cqrs';
import type { Lane, Port } from '../model/lane';

/** An administrator equips a port of entry: its primary lanes, booths, devices and settings. */
export class CreatePort extends Command<{ port: Port; lanes: Lane[] }> {
  constructor(readonly input: unknown) {
    super();
  }
}
