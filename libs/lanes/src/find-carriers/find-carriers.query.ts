import { Query } from '@nestjs/cqrs';
import type { CarrierFilter } from '../persistence/carrier.repository';
import type { CarrierView } from '../register-carrier/carrier-view';

export class FindCarriers extends Query<{ items: CarrierView[]; total: number; page: number; limit: number }> {
  constructor(readonly filter: CarrierFilter) {
    super();
  }
}

export class GetCarrier extends Query<CarrierView> {
  constructor(readonly carrierId: string) {
    super();
  }
}
