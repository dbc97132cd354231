import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { DeclarationView } from '../model/views';

export class LodgeDeclaration extends Command<DeclarationView & { replayed?: boolean }> {
  constructor(readonly input: unknown, readonly principal: Principal, readonly idempotencyKey?: string) {
    super();
  }
}
