import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetLiveState } from './get-live-state.query';
import { LiveStateBuilder } from './live-state-builder';

@QueryHandler(GetLiveState)
export class GetLiveStateHandler implements IQueryHandler<GetLiveState> {
  constructor(private readonly states: LiveStateBuilder) {}

  execute({ at }: GetLiveState) {
    return this.states.at(at);
  }
}
