import { Query } from '@nestjs/cqrs';
import type { CertificateCheck } from '../model/clearance';

export interface DeclarationCertificateChecks {
  declarationId: string;
  /** The declaration version checked (the latest). */
  version: number;
  checkedAt: string;
  /** One per certificate referenced by a goods item (items[].certificateIds), in item order. */
  checks: CertificateCheck[];
}

/**
 * For the lanes and risk contexts: the certificates a declaration relies on, each with
 * ok | over-use | mismatch | revoked | unknown | expired and a reason. Revocations since
 * lodgement count; draws on e-CoO quantities are recorded if the declaration's events have not
 * been handled here yet.
 */
export class CheckDeclarationCertificates extends Query<DeclarationCertificateChecks> {
  constructor(readonly declarationId: string) {
    super();
  }
}
