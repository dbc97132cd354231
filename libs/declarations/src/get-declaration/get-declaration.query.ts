import { Query } from '@nestjs/cqrs';
import type { DeclarationView } from '../model/views';

/** The latest version, or `version` when given. */
export class GetDeclaration extends Query<DeclarationView> {
  constructor(readonly declarationId: string, readonly version?: number) {
    super();
  }
}
