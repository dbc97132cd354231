import type { AeoProgramme, AeoStatus } from './model/aeo';
import type { CertificateType } from './document/types';
import type { CertificateCheck } from './model/clearance';

/** Published after commit; other contexts react (lanes refresh, risk reasons, KPI measures). */
export class AgencyRegistered {
  constructor(readonly agencyId: string, readonly country: string, readonly keyId: string, readonly at: string) {}
}
export class AgencyKeyRotated {
  constructor(readonly agencyId: string, readonly keyId: string, readonly previousKeyIds: readonly string[], readonly at: string) {}
}
export class AgencyKeyRevoked {
  constructor(readonly agencyId: string, readonly keyId: string, readonly reason: string, readonly revokedAt: string) {}
}
export class CertificateIssued {
  constructor(readonly certificateId: string, readonly type: CertificateType, readonly agencyId: string, readonly issuedAt: string, readonly custody: 'server' | 'client', readonly ledgerIndex: number) {}
}
export class CertificateRevoked {
  constructor(readonly certificateId: string, readonly reason: string, readonly by: string, readonly at: string) {}
}
/** The certificates a declaration relies on were checked (on lodgement and on every amendment). */
export class DeclarationCertificatesChecked {
  constructor(readonly declarationId: string, readonly version: number, readonly checks: readonly CertificateCheck[], readonly at: string) {}
}
/** A trusted-trader authorisation was granted, suspended or revoked (registration included: previousStatus undefined). */
export class AeoStatusChanged {
  constructor(
    readonly operatorId: string,
    readonly administration: string,
    readonly programme: AeoProgramme,
    readonly status: AeoStatus,
    readonly previousStatus: AeoStatus | undefined,
    readonly reason: string | undefined,
    readonly at: string,
    readonly seq: number,
  ) {}
}
