import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { toAgencyView, type AgencyView } from '../model/agency';
import { AgencyRepository } from '../persistence/agency.repository';
import { GetAgency, ListAgencies } from './get-agency.query';

@QueryHandler(GetAgency)
export class GetAgencyHandler implements IQueryHandler<GetAgency> {
  constructor(private readonly agencies: AgencyRepository) {}

  async execute({ agencyId }: GetAgency): Promise<AgencyView> {
    const { agency, keys } = await this.agencies.get(agencyId);
    return toAgencyView(agency, keys);
  }
}

@QueryHandler(ListAgencies)
export class ListAgenciesHandler implements IQueryHandler<ListAgencies> {
  constructor(private readonly agencies: AgencyRepository) {}

  async execute(): Promise<AgencyView[]> {
    return (await this.agencies.list()).map(({ agency, keys }) => toAgencyView(agency, keys));
  }
}
