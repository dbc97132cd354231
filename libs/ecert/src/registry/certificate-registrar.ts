import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { LedgerService } from '@corridor/ledger';
import type { Principal } from '@corridor/platform';
import canonicalize from 'canonicalize';
import type { CorridorCertificate } from '../document/types';
import { CertificateIssued } from '../events';
import { toCertificateView, type CertificateView } from '../model/certificate-views';
import { certificateLedgerEntry, ECERT_LEDGER_ENTRY, type CertificateLedgerProof } from '../model/ledger-anchor';
import { CertificateRepository } from '../persistence/certificate.repository';
import type { CertificateRow } from '../persistence/ecert.entities';

/**
 * Registers a signed certificate: appends its identity and digest to the ledger, attaches the
 * inclusion proof and signed tree head as the document's `ledger` member, stores the canonical
 * document and its first status, then publishes CertificateIssued. Shared by server-side issuing
 * and client-signed submissions.
 */
@Injectable()
export class CertificateRegistrar {
  constructor(private readonly ledger: LedgerService, private readonly certificates: CertificateRepository, private readonly events: EventBus) {}

  async register(signed: CorridorCertificate, custody: 'server' | 'client', principal: Principal): Promise<CertificateView> {
    const { ledger: _ignored, ...document } = signed;
    const appended = await this.ledger.appendJson(certificateLedgerEntry({ ...document, digest: document.proof.digest }));
    const proof = await this.ledger.inclusionProof(appended.index, appended.treeHead.treeSize);
    const anchor: CertificateLedgerProof = {
      entry: ECERT_LEDGER_ENTRY,
      leafIndex: proof.leafIndex,
      treeSize: proof.treeSize,
      inclusionPath: proof.inclusionPath,
      treeHead: appended.treeHead,
    };
    const at = new Date().toISOString();
    const row: CertificateRow = {
      id: document.id,
      type: document.type,
      agencyId: document.issuer.agencyId,
      keyId: document.issuer.keyId,
      issuedAt: document.issuedAt,
      digest: document.proof.digest,
      // Plain JSON throughout (the data was checked when signed or verified): RFC 8785 directly.
      document: canonicalize({ ...document, ledger: anchor }) as string,
      custody,
      status: 'valid',
      revokedAt: null,
      revocationReason: null,
      ledgerIndex: appended.index,
      ledgerTreeSize: appended.treeHead.treeSize,
      createdAt: at,
      createdBy: principal.id,
    };
    const change = { status: 'issued' as const, at, by: principal.id, ledgerIndex: appended.index };
    await this.certificates.insert(row, change);
    this.events.publish(new CertificateIssued(row.id, document.type, row.agencyId, row.issuedAt, custody, appended.index));
    return toCertificateView(row, [change]);
  }
}
