import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, DomainError } from '@corridor/domain';
import { LedgerService } from '@corridor/ledger';
import { CertificateRevoked } from '../events';
import { actsFor } from '../model/agency';
import { toCertificateView, type CertificateView } from '../model/certificate-views';
import { InputReader } from '../model/input-reader';
import { ECERT_REVOCATION_LEDGER_ENTRY } from '../model/ledger-anchor';
import { CertificateRepository } from '../persistence/certificate.repository';
import { AgencyKeys } from '../registry/agency-keys';
import { LedgerProofs } from '../registry/ledger-proofs';
import { RevokeCertificate } from './revoke-certificate.command';

@CommandHandler(RevokeCertificate)
export class RevokeCertificateHandler implements ICommandHandler<RevokeCertificate> {
  constructor(
    private readonly certificates: CertificateRepository,
    private readonly keys: AgencyKeys,
    private readonly ledger: LedgerService,
    private readonly proofs: LedgerProofs,
    private readonly events: EventBus,
  ) {}

  async execute({ certificateId, input, principal }: RevokeCertificate): Promise<CertificateView> {
    const r = new InputReader();
    const body = r.object(input, 'body') ?? {};
    r.known(body, '', ['reason']);
    const reason = r.string(body['reason'], 'reason', { max: 500 }) as string;
    r.done('REVOCATION.INVALID');

    const certificate = await this.certificates.get(certificateId);
    const { agency } = await this.keys.agency(certificate.agencyId);
    const allowed = agency ? actsFor(agency, principal) : principal.roles.includes('admin');
    if (!allowed) throw new DomainError('AUTH.FORBIDDEN', `only the issuing agency (${certificate.agencyId}) or an admin may revoke certificate ${certificateId}`, 'forbidden');
    if (certificate.status === 'revoked') throw new ConflictError('CERTIFICATE.ALREADY_REVOKED', `certificate ${certificateId} is already revoked (${certificate.revokedAt}: ${certificate.revocationReason})`);

    const at = new Date().toISOString();
    // The revocation is notarised too, so the status history can be audited against the ledger.
    const appended = await this.ledger.appendJson({ type: ECERT_REVOCATION_LEDGER_ENTRY, certificateId, digest: certificate.digest, reason, at });
    await this.certificates.revoke(certificateId, { status: 'revoked', at, by: principal.id, reason, ledgerIndex: appended.index });
    this.events.publish(new CertificateRevoked(certificateId, reason, principal.id, at));
    const row = await this.certificates.get(certificateId);
    return toCertificateView(row, await this.proofs.document(row), await this.certificates.history(certificateId));
  }
}
