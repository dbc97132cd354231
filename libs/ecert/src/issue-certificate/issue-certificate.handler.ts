import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, DomainError, InvalidValueError } from '@corridor/domain';
import { issueCertificate } from '../document/issue';
import { actsFor, isActiveKey } from '../model/agency';
import type { CertificateView } from '../model/certificate-views';
import { CertificateRepository } from '../persistence/certificate.repository';
import { AgencyKeys } from '../registry/agency-keys';
import { CertificateRegistrar } from '../registry/certificate-registrar';
import { CertificateValidationError } from '../validation/field-errors';
import { fieldErrors, newCertificateId, parseIssueRequest } from './certificate-request';
import { IssueCertificate } from './issue-certificate.command';

@CommandHandler(IssueCertificate)
export class IssueCertificateHandler implements ICommandHandler<IssueCertificate> {
  constructor(
    private readonly keys: AgencyKeys,
    private readonly certificates: CertificateRepository,
    private readonly registrar: CertificateRegistrar,
  ) {}

  async execute({ input, principal }: IssueCertificate): Promise<CertificateView> {
    const request = parseIssueRequest(input);
    const record = await this.keys.agency(request.agencyId);
    const agencyKeys = record.keys;
    if (!record.agency) throw new InvalidValueError('CERTIFICATE.UNKNOWN_AGENCY', 'agencyId', `agencyId: no agency ${request.agencyId} is registered`);
    if (!actsFor(record.agency, principal)) throw new DomainError('AUTH.FORBIDDEN', `${principal.id} does not act for agency ${request.agencyId}`, 'forbidden', 'agencyId');
    const now = Date.now();
    const active = agencyKeys.filter((key) => isActiveKey(key, now)).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
    if (!active) throw new ConflictError('AGENCY.NO_ACTIVE_KEY', `agency ${request.agencyId} has no valid key (expired or revoked): rotate to add one`, 'agencyId');
    if (!active.privateKey) {
      throw new ConflictError('AGENCY.SIGNS_ITSELF', `agency ${request.agencyId} holds its own key: sign the certificate and POST it as {document}`, 'agencyId');
    }
    const issuedAt = new Date(Math.max(now, Date.parse(active.validFrom)));
    const id = request.id ?? newCertificateId(record.agency.country, issuedAt);
    if (request.id && (await this.certificates.exists(id))) throw new ConflictError('CERTIFICATE.EXISTS', `a certificate with id ${id} is already registered`, 'id');
    let document;
    try {
      document = issueCertificate({ id, type: request.type, issuer: { agencyId: request.agencyId, keyId: active.keyId }, issuedAt, data: request.data }, this.keys.signer(active));
    } catch (error) {
      if (error instanceof CertificateValidationError) throw fieldErrors('CERTIFICATE.INVALID', error.errors, (path) => (path === 'issuer.agencyId' ? 'agencyId' : path));
      throw error;
    }
    return this.registrar.register(document, 'server', principal);
  }
}
