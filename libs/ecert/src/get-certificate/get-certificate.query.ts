import { Query } from '@nestjs/cqrs';
import type { CertificateView } from '../model/certificate-views';

/** A registered certificate, its signed document (with ledger proof) and its status history. */
export class GetCertificate extends Query<CertificateView> {
  constructor(readonly certificateId: string) {
    super();
  }
}
