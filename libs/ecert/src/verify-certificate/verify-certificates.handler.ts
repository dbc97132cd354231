import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CertificateVerifier, type CertificateVerdict } from './certificate-verifier';
import { VerifyCertificates } from './verify-certificates.query';

@QueryHandler(VerifyCertificates)
export class VerifyCertificatesHandler implements IQueryHandler<VerifyCertificates> {
  constructor(private readonly verifier: CertificateVerifier) {}

  execute({ documents }: VerifyCertificates): Promise<CertificateVerdict[]> {
    return this.verifier.verify(documents);
  }
}
