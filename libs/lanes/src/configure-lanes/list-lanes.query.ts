import { Query } from '@nestjs/cqrs';
import type { Lane, Port } from '../model/lane';

/** Every lane, or a port's lanes, in booth order. */
export class ListLanes extends Query<Lane[]> {
  constructor(readonly portId?: string) {
    super();
  }
}

export class ListPorts extends Query<Array<Port & { lanes: number }>> {}
