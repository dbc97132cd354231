import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { AeoOperatorView } from '../model/aeo';

/** An administration registers a trusted trader: {administration, operatorId, name, status?, programme?, since?}. */
export class RegisterAeoOperator extends Command<AeoOperatorView> {
  constructor(readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
