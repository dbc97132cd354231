import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { AgencyView } from '../model/agency';

/** Registers an issuing agency with its first Ed25519 key: its own public key, or one the server generates and keeps. */
export class RegisterAgency extends Command<AgencyView> {
  constructor(readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
