import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '@corridor/ledger';
import { AeoController } from './aeo.controller';
import { AeoFeed } from './aeo-feed/aeo-feed';
import { AeoStatusChangedHandler } from './aeo-feed/aeo-status-changed.handler';
import { AgenciesController } from './agencies.controller';
import { CertificatesController } from './certificates.controller';
import { ChangeAeoStatusHandler } from './change-aeo-status/change-aeo-status.handler';
import { CheckDeclarationCertificatesHandler } from './check-declaration-certificates/check-declaration-certificates.handler';
import { DeclarationCertificates } from './check-declaration-certificates/declaration-certificates';
import { DeclarationEventsHandler } from './check-declaration-certificates/declaration-events.handler';
import { CreateArrangementHandler } from './create-arrangement/create-arrangement.handler';
import { DiscloseCertificateHandler } from './disclose-certificate/disclose-certificate.handler';
import { GetAeoStatusHandler, GetTrustedStatusHandler, ListAeoOperatorsHandler, ListArrangementsHandler } from './get-aeo-status/get-aeo-status.handler';
import { GetAgencyHandler, ListAgenciesHandler } from './get-agency/get-agency.handler';
import { GetCertificateUsageHandler } from './get-certificate/get-certificate-usage.handler';
import { GetCertificateHandler } from './get-certificate/get-certificate.handler';
import { IssueCertificateHandler } from './issue-certificate/issue-certificate.handler';
import { SubmitSignedCertificateHandler } from './issue-certificate/submit-signed-certificate.handler';
import { AeoRepository } from './persistence/aeo.repository';
import { AgencyRepository } from './persistence/agency.repository';
import { CertificateRepository } from './persistence/certificate.repository';
import { ECERT_ENTITIES } from './persistence/ecert.entities';
import { UsageRepository } from './persistence/usage.repository';
import { RegisterAeoOperatorHandler } from './register-aeo-operator/register-aeo-operator.handler';
import { RegisterAgencyHandler } from './register-agency/register-agency.handler';
import { AgencyKeys } from './registry/agency-keys';
import { CertificateRegistrar } from './registry/certificate-registrar';
import { LedgerKeys } from './registry/ledger-keys';
import { LedgerProofs } from './registry/ledger-proofs';
import { RevokeAgencyKeyHandler } from './revoke-agency-key/revoke-agency-key.handler';
import { RevokeCertificateHandler } from './revoke-certificate/revoke-certificate.handler';
import { RotateAgencyKeyHandler } from './rotate-agency-key/rotate-agency-key.handler';
import { CertificateVerifier } from './verify-certificate/certificate-verifier';
import { VerifyCertificatesHandler } from './verify-certificate/verify-certificates.handler';

/**
 * E-certificates (agencies, e-CoO / e-Phyto / LPCO issuing, verification, revocation,
 * selective disclosure, use in clearance) and the AEO registry with mutual recognition.
 * Register ECERT_MIGRATIONS (after LEDGER_MIGRATIONS) with the host; the clearance checks read
 * declarations through GetDeclaration, so the host also needs DeclarationsModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ECERT_ENTITIES), LedgerModule],
  controllers: [AgenciesController, CertificatesController, AeoController],
  providers: [
    AgencyRepository,
    CertificateRepository,
    UsageRepository,
    AeoRepository,
    AgencyKeys,
    LedgerKeys,
    LedgerProofs,
    CertificateRegistrar,
    CertificateVerifier,
    DeclarationCertificates,
    AeoFeed,
    RegisterAgencyHandler,
    RotateAgencyKeyHandler,
    RevokeAgencyKeyHandler,
    GetAgencyHandler,
    ListAgenciesHandler,
    IssueCertificateHandler,
    SubmitSignedCertificateHandler,
    RevokeCertificateHandler,
    VerifyCertificatesHandler,
    DiscloseCertificateHandler,
    GetCertificateHandler,
    GetCertificateUsageHandler,
    CheckDeclarationCertificatesHandler,
    DeclarationEventsHandler,
    RegisterAeoOperatorHandler,
    ChangeAeoStatusHandler,
    CreateArrangementHandler,
    GetAeoStatusHandler,
    GetTrustedStatusHandler,
    ListAeoOperatorsHandler,
    ListArrangementsHandler,
    AeoStatusChangedHandler,
  ],
})
export class EcertModule {}
