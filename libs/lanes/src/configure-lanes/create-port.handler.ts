import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parsePort } from '../model/lane';
import { LaneRepository } from '../persistence/lane.repository';
import { CreatePort } from './create-port.command';
import { LaneDirectory } from './lane-directory';

@CommandHandler(CreatePort)
export class CreatePortHandler implements ICommandHandler<CreatePort> {
  constructor(private readonly repository: LaneRepository, private readonly directory: LaneDirectory) {}

  async execute({ input }: CreatePort) {
    const created = await this.repository.createPort(parsePort(input));
    this.directory.add(created.lanes);
    return created;
  }
}
