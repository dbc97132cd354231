import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InvalidValueError } from '@corridor/domain';
import { obfuscateDocument, ObfuscationError } from '../document/obfuscate';
import type { CorridorCertificate } from '../document/types';
import { InputReader } from '../model/input-reader';
import { CertificateRepository } from '../persistence/certificate.repository';
import { LedgerProofs } from '../registry/ledger-proofs';
import { DiscloseCertificate } from './disclose-certificate.query';

@QueryHandler(DiscloseCertificate)
export class DiscloseCertificateHandler implements IQueryHandler<DiscloseCertificate> {
  constructor(private readonly certificates: CertificateRepository, private readonly proofs: LedgerProofs) {}

  async execute({ certificateId, input }: DiscloseCertificate): Promise<CorridorCertificate> {
    const r = new InputReader();
    const body = r.object(input, 'body') ?? {};
    r.known(body, '', ['hide']);
    const hide = (r.array(body['hide'], 'hide', { min: 1, max: 1000 }) ?? []).map((path, i) => r.string(path, `hide[${i}]`, { max: 500 }) ?? '');
    r.done('DISCLOSURE.INVALID');
    const document = await this.proofs.document(await this.certificates.get(certificateId));
    let disclosed = document;
    for (let i = 0; i < hide.length; i++) {
      try {
        disclosed = obfuscateDocument(disclosed, [hide[i]]);
      } catch (error) {
        if (error instanceof ObfuscationError) throw new InvalidValueError('DISCLOSURE.INVALID_PATH', `hide[${i}]`, `hide[${i}]: ${error.message}`);
        throw error;
      }
    }
    return disclosed;
  }
}
