import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CarrierRepository } from '../persistence/carrier.repository';
import { toCarrierView } from '../register-carrier/carrier-view';
import { FindCarriers, GetCarrier } from './find-carriers.query';

@QueryHandler(FindCarriers)
export class FindCarriersHandler implements IQueryHandler<FindCarriers> {
  constructor(private readonly carriers: CarrierRepository) {}

  async execute({ filter }: FindCarriers) {
    const page = await this.carriers.find(filter);
    return { ...page, items: page.items.map(toCarrierView) };
  }
}

@QueryHandler(GetCarrier)
export class GetCarrierHandler implements IQueryHandler<GetCarrier> {
  constructor(private readonly carriers: CarrierRepository) {}

  async execute({ carrierId }: GetCarrier) {
    return toCarrierView(await this.carriers.get(carrierId));
  }
}
