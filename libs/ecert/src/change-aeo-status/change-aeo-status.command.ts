import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { AeoOperatorView } from '../model/aeo';

/**
 * Grants, suspends or revokes an authorisation ({status, reason}). `id` is the authorisation's id
 * or the operator's EORI-style id (with programme / administration in the body when it has several).
 */
export class ChangeAeoStatus extends Command<AeoOperatorView> {
  constructor(readonly id: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
