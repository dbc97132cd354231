import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { AgencyView } from '../model/agency';

/** Adds a new key (given, or generated and kept by the server); the open keys get validTo = now. */
export class RotateAgencyKey extends Command<AgencyView> {
  constructor(readonly agencyId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
