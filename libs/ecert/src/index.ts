// Public door of @corridor/ecert. The pure document core (no Nest, no database) is also its own
// entry point, @corridor/ecert/core, so offline tools load it without the framework.
export * from './core';
// ---------------------------------------------------------------------------------------------
// The Nest layer: agencies, certificates, verification, clearance use and the AEO registry.
// Hosts register ECERT_MIGRATIONS (after LEDGER_MIGRATIONS and DECLARATION_MIGRATIONS) and import
// EcertModule next to LedgerModule and DeclarationsModule.
export { EcertModule } from './ecert.module';
export { ECERT_MIGRATIONS } from './persistence/ecert.migrations';
export { ECERT_ENTITIES } from './persistence/ecert.entities';

// Commands
export { RegisterAgency } from './register-agency/register-agency.command';
export { RotateAgencyKey } from './rotate-agency-key/rotate-agency-key.command';
export { RevokeAgencyKey } from './revoke-agency-key/revoke-agency-key.command';
export { IssueCertificate, SubmitSignedCertificate } from './issue-certificate/issue-certificate.command';
export { RevokeCertificate } from './revoke-certificate/revoke-certificate.command';
export { RegisterAeoOperator } from './register-aeo-operator/register-aeo-operator.command';
export { ChangeAeoStatus } from './change-aeo-status/change-aeo-status.command';
export { CreateMutualRecognitionArrangement } from './create-arrangement/create-arrangement.command';

// Queries (the lanes and risk contexts call CheckDeclarationCertificates and GetTrustedStatus)
export { GetAgency, ListAgencies } from './get-agency/get-agency.query';
export { GetCertificate } from './get-certificate/get-certificate.query';
export { GetCertificateUsage, type CertificateUsage, type CertificateUsageLine } from './get-certificate/get-certificate-usage.query';
export { VerifyCertificates } from './verify-certificate/verify-certificates.query';
export { DiscloseCertificate } from './disclose-certificate/disclose-certificate.query';
export { CheckDeclarationCertificates, type DeclarationCertificateChecks } from './check-declaration-certificates/check-declaration-certificates.query';
export { GetAeoStatus, GetTrustedStatus, ListAeoOperators, ListArrangements } from './get-aeo-status/get-aeo-status.query';

// Events
export { AeoStatusChanged, AgencyKeyRevoked, AgencyKeyRotated, AgencyRegistered, CertificateIssued, CertificateRevoked, DeclarationCertificatesChecked } from './events';

// Views and rules
export type { AgencyKeyView, AgencyView } from './model/agency';
export type { CertificateStatus, CertificateView } from './model/certificate-views';
export type { CertificateVerdict, VerifiedFormat } from './verify-certificate/certificate-verifier';
export { CLEARANCE_STATUSES, assessCertificate, planDraw, type CertificateCheck, type ClearanceStatus } from './model/clearance';
export {
  AEO_PROGRAMMES,
  AEO_STATUSES,
  type AeoFeedEvent,
  type AeoOperatorView,
  type AeoProgramme,
  type AeoStatus,
  type AeoStatusAnswer,
  type ArrangementView,
  type TrustedStatus,
} from './model/aeo';

// Ledger anchoring, pure: verify a document's `ledger` proof offline against the published ledger keys
export {
  ECERT_LEDGER_ENTRY,
  ECERT_REVOCATION_LEDGER_ENTRY,
  certificateLedgerEntry,
  createLedgerAnchorCheck,
  type CertificateLedgerEntry,
  type CertificateLedgerProof,
  type LedgerAnchorOptions,
} from './model/ledger-anchor';
