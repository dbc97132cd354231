import { Query } from '@nestjs/cqrs';
import type { CertificateVerdict } from './certificate-verifier';

/**
 * Verifies documents as anyone could: Corridor certificates (integrity, signature, issuer key,
 * revocation, ledger anchor) and wrapped OpenAttestation v2 / TradeTrust documents (integrity;
 * the rest needs a chain and DNS). One verdict per document, in order.
 */
export class VerifyCertificates extends Query<CertificateVerdict[]> {
  constructor(readonly documents: readonly unknown[]) {
    super();
  }
}
