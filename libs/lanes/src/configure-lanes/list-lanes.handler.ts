import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LaneRepository } from '../persistence/lane.repository';
import { ListLanes, ListPorts } from './list-lanes.query';

@QueryHandler(ListLanes)
export class ListLanesHandler implements IQueryHandler<ListLanes> {
  constructor(private readonly repository: LaneRepository) {}

  execute({ portId }: ListLanes) {
    return this.repository.lanes(portId);
  }
}

@QueryHandler(ListPorts)
export class ListPortsHandler implements IQueryHandler<ListPorts> {
  constructor(private readonly repository: LaneRepository) {}

  async execute() {
    const [ports, lanes] = await Promise.all([this.repository.ports(), this.repository.lanes()]);
    return ports.map((port) => ({ ...port, lanes: lanes.filter((lane) => lane.portId === port.id).length }));
  }
}
