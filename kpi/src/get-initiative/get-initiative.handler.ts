import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InitiativeReadModel } from '../initiatives/initiative-read-model';
import { GetInitiative } from './get-initiative.query';

@QueryHandler(GetInitiative)
export class GetInitiativeHandler implements IQueryHandler<GetInitiative> {
  constructor(private readonly reader: InitiativeReadModel) {}

  execute({ initiativeId }: GetInitiative) {
    return this.reader.view(initiativeId);
  }
}
