import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { AgencyView } from '../model/agency';

/**
 * Marks an agency key compromised from `at` (default now): certificates claiming to be issued
 * with it at or after that instant no longer verify, earlier ones still do.
 */
export class RevokeAgencyKey extends Command<AgencyView> {
  constructor(readonly agencyId: string, readonly keyId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
