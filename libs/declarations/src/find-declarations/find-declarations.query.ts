import { Query } from '@nestjs/cqrs';
import type { DeclarationFilter } from '../persistence/declaration.repository';
import type { DeclarationSummary } from '../model/views';

/** "What is this truck carrying?": by plate, transponder or carrier, status and arrival window. */
export class FindDeclarations extends Query<{ items: DeclarationSummary[]; total: number; page: number; limit: number }> {
  constructor(readonly filter: DeclarationFilter) {
    super();
  }
}
