import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { toCertificateView, type CertificateView } from '../model/certificate-views';
import { CertificateRepository } from '../persistence/certificate.repository';
import { GetCertificate } from './get-certificate.query';

@QueryHandler(GetCertificate)
export class GetCertificateHandler implements IQueryHandler<GetCertificate> {
  constructor(private readonly certificates: CertificateRepository) {}

  async execute({ certificateId }: GetCertificate): Promise<CertificateView> {
    const row = await this.certificates.get(certificateId);
    return toCertificateView(row, await this.certificates.history(certificateId));
  }
}
