import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, DomainError, InvalidValueError } from '@corridor/domain';
import { isRecord } from '../document/envelope';
import { ECERT_FORMAT, type CorridorCertificate } from '../document/types';
import { actsFor } from '../model/agency';
import type { CertificateView } from '../model/certificate-views';
import { InputReader } from '../model/input-reader';
import { looksLikeOpenAttestationV2 } from '../open-attestation/oa-v2-verify';
import { CertificateRepository } from '../persistence/certificate.repository';
import { AgencyKeys } from '../registry/agency-keys';
import { CertificateRegistrar } from '../registry/certificate-registrar';
import { validateCertificateInput } from '../validation/certificate-data';
import { CertificateVerifier } from '../verify-certificate/certificate-verifier';
import { CERTIFICATE_ID_HINT, CERTIFICATE_ID_PATTERN, fieldErrors } from './certificate-request';
import { SubmitSignedCertificate } from './issue-certificate.command';

@CommandHandler(SubmitSignedCertificate)
export class SubmitSignedCertificateHandler implements ICommandHandler<SubmitSignedCertificate> {
  constructor(
    private readonly keys: AgencyKeys,
    private readonly certificates: CertificateRepository,
    private readonly verifier: CertificateVerifier,
    private readonly registrar: CertificateRegistrar,
  ) {}

  async execute({ input, principal }: SubmitSignedCertificate): Promise<CertificateView> {
    const r = new InputReader();
    const body = r.object(input, 'body') ?? {};
    r.known(body, '', ['document']);
    const submitted = r.object(body['document'], 'document');
    r.done('CERTIFICATE.INVALID');
    if (looksLikeOpenAttestationV2(submitted) && !('format' in (submitted as object))) {
      throw new InvalidValueError('CERTIFICATE.NOT_CORRIDOR', 'document', 'document: only Corridor certificates (format corridor-ecert/1) are registered here; OpenAttestation documents can be verified at POST /api/certificates/verify');
    }
    const { ledger: _attached, ...document } = submitted as Record<string, unknown>;
    if (document['format'] !== ECERT_FORMAT) throw new InvalidValueError('CERTIFICATE.FORMAT', 'document.format', `document.format: must be "${ECERT_FORMAT}"`);
    const issuer = isRecord(document['issuer']) ? document['issuer'] : {};
    const errors = validateCertificateInput({ id: document['id'], type: document['type'], issuer: { agencyId: issuer['agencyId'] }, issuedAt: document['issuedAt'], data: document['data'] });
    if (errors.length > 0) throw fieldErrors('CERTIFICATE.INVALID', errors, (path) => `document.${path}`);
    const id = document['id'] as string;
    if (!CERTIFICATE_ID_PATTERN.test(id)) throw new InvalidValueError('CERTIFICATE.INVALID_ID', 'document.id', `document.id: ${CERTIFICATE_ID_HINT}`);
    if (Array.isArray(document['obfuscated']) && document['obfuscated'].length > 0) {
      throw new InvalidValueError('CERTIFICATE.PARTIAL', 'document.obfuscated', 'document.obfuscated: register the full document; hide fields afterwards (POST /api/certificates/:id/disclosures)');
    }
    const agencyId = issuer['agencyId'] as string;
    const { agency } = await this.keys.agency(agencyId);
    if (!agency) throw new InvalidValueError('CERTIFICATE.UNKNOWN_AGENCY', 'document.issuer.agencyId', `document.issuer.agencyId: no agency ${agencyId} is registered`);
    if (!actsFor(agency, principal)) throw new DomainError('AUTH.FORBIDDEN', `${principal.id} does not act for agency ${agencyId}`, 'forbidden', 'document.issuer.agencyId');
    if (await this.certificates.exists(id)) throw new ConflictError('CERTIFICATE.EXISTS', `a certificate with id ${id} is already registered`, 'document.id');

    const [verdict] = await this.verifier.verify([document]);
    const { integrity, signature, issuer: issuerCheck } = verdict.checks;
    if (integrity.status !== 'VALID') throw new InvalidValueError('CERTIFICATE.INTEGRITY', 'document', `document: ${integrity.reason}`);
    if (issuerCheck.status !== 'VALID') throw new InvalidValueError('CERTIFICATE.ISSUER', 'document.issuer.keyId', `document.issuer.keyId: ${issuerCheck.reason}`);
    if (signature.status !== 'VALID') throw new InvalidValueError('CERTIFICATE.SIGNATURE', 'document.proof.signature', `document.proof.signature: ${signature.reason}`);
    return this.registrar.register(document as unknown as CorridorCertificate, 'client', principal);
  }
}
