import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CheckDeclarationCertificates, type DeclarationCertificateChecks } from './check-declaration-certificates.query';
import { DeclarationCertificates } from './declaration-certificates';

@QueryHandler(CheckDeclarationCertificates)
export class CheckDeclarationCertificatesHandler implements IQueryHandler<CheckDeclarationCertificates> {
  constructor(private readonly declarations: DeclarationCertificates) {}

  async execute({ declarationId }: CheckDeclarationCertificates): Promise<DeclarationCertificateChecks> {
    return (await this.declarations.check(declarationId, 'if-stale')).result;
  }
}
