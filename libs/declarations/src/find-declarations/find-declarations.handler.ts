import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DeclarationRepository } from '../persistence/declaration.repository';
import { FindDeclarations } from './find-declarations.query';

@QueryHandler(FindDeclarations)
export class FindDeclarationsHandler implements IQueryHandler<FindDeclarations> {
  constructor(private readonly declarations: DeclarationRepository) {}

  execute({ filter }: FindDeclarations) {
    return this.declarations.find(filter);
  }
}
