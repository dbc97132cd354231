import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { CertificateView } from '../model/certificate-views';

/** Revokes a certificate ({reason}); verification reports it from then on, with the reason and time. */
export class RevokeCertificate extends Command<CertificateView> {
  constructor(readonly certificateId: string, readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
