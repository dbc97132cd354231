import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { toCertificateView, type CertificateView } from '../model/certificate-views';
import { CertificateRepository } from '../persistence/certificate.repository';
import { LedgerProofs } from '../registry/ledger-proofs';
import { GetCertificate } from './get-certificate.query';

@QueryHandler(GetCertificate)
export class GetCertificateHandler implements IQueryHandler<GetCertificate> {
  constructor(private readonly certificates: CertificateRepository, private readonly proofs: LedgerProofs) {}

  async execute({ certificateId }: GetCertificate): Promise<CertificateView> {
    const row = await this.certificates.get(certificateId);
    return toCertificateView(row, await this.proofs.document(row), await this.certificates.history(certificateId));
  }
}
