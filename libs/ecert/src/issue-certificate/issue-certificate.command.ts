import { Command } from '@nestjs/cqrs';
import type { Principal } from '@corridor/platform';
import type { CertificateView } from '../model/certificate-views';

/** Issues a certificate signed with the key the server keeps for the agency: {type, agencyId, data, id?}. */
export class IssueCertificate extends Command<CertificateView> {
  constructor(readonly input: unknown, readonly principal: Principal) {
    super();
  }
}

/** Registers a certificate the agency signed itself: {document}; it is verified, validated, anchored and stored. */
export class SubmitSignedCertificate extends Command<CertificateView> {
  constructor(readonly input: unknown, readonly principal: Principal) {
    super();
  }
}
