import { Query } from '@nestjs/cqrs';
import type { AgencyView } from '../model/agency';

/** An agency with every key it ever had (public halves only). */
export class GetAgency extends Query<AgencyView> {
  constructor(readonly agencyId: string) {
    super();
  }
}

/** Every registered agency: the key registry an offline verifier can download. */
export class ListAgencies extends Query<AgencyView[]> {}
