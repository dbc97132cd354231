import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DeclarationRepository } from '../persistence/declaration.repository';
import { GetDeclaration } from './get-declaration.query';

@QueryHandler(GetDeclaration)
export class GetDeclarationHandler implements IQueryHandler<GetDeclaration> {
  constructor(private readonly declarations: DeclarationRepository) {}

  execute({ declarationId, version }: GetDeclaration) {
    return this.declarations.get(declarationId, version);
  }
}
