import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InitiativeReadModel, summaryOf } from '../initiatives/initiative-read-model';
import type { InitiativeSummary } from '../model/views';
import { ListInitiatives } from './list-initiatives.query';

@QueryHandler(ListInitiatives)
export class ListInitiativesHandler implements IQueryHandler<ListInitiatives> {
  constructor(private readonly reader: InitiativeReadModel) {}

  async execute(): Promise<InitiativeSummary[]> {
    const now = new Date();
    return (await this.reader.loadAll()).map((data) => summaryOf(data, now));
  }
}
