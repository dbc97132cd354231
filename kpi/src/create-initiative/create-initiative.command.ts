import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { InitiativeView } from '../model/views';

/** Registers an initiative (and optionally its KPIs) from untrusted JSON. */
export class CreateInitiative extends Command<InitiativeView> {
  constructor(readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
