import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { DeclarationView } from '../model/views';

export class AmendDeclaration extends Command<DeclarationView> {
  constructor(readonly declarationId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
