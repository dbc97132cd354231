import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { gateOf, InitiativeReadModel } from '../initiatives/initiative-read-model';
import { KpiRepository } from '../persistence/kpi.repository';
import { GetGate, ListDecisions } from './get-gate.query';

@QueryHandler(GetGate)
export class GetGateHandler implements IQueryHandler<GetGate> {
  constructor(private readonly reader: InitiativeReadModel) {}

  async execute({ initiativeId }: GetGate) {
    return gateOf(await this.reader.load(initiativeId));
  }
}

@QueryHandler(ListDecisions)
export class ListDecisionsHandler implements IQueryHandler<ListDecisions> {
  constructor(private readonly repository: KpiRepository) {}

  async execute({ initiativeId }: ListDecisions) {
    await this.repository.initiative(initiativeId);
    return this.repository.decisions(initiativeId);
  }
}
