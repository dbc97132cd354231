import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { LedgerService } from '@corridor/ledger';
import type { Principal } from '@corridor/platform';
import canonicalize from 'canonicalize';
import type { CorridorCertificate } from '../document/types';
import { CertificateIssued } from '../events';
import { toCertificateView, type CertificateView } from '../model/certificate-views';
import { certificateLedgerEntry } from '../model/ledger-anchor';
import { CertificateRepository, type StatusChange } from '../persistence/certificate.repository';
import type { CertificateRow } from '../persistence/ecert.entities';
import { LedgerProofs, withLedger } from './ledger-proofs';

/**
 * Registers a signed certificate: appends its identity and digest to the ledger and, in the same
 * transaction (a ledger sidecar: concurrent registrations share one commit, and a certificate is
 * never stored without its entry), stores the canonical document and its first status; then
 * attaches the inclusion proof and signed tree head as the document's `ledger` member and
 * publishes CertificateIssued. Shared by server-side issuing and client-signed submissions.
 */
@Injectable()
export class CertificateRegistrar {
  private gated: Array<() => void> = [];

  constructor(
    private readonly ledger: LedgerService,
    private readonly certificates: CertificateRepository,
    private readonly proofs: LedgerProofs,
    private readonly events: EventBus,
  ) {}

  async register(signed: CorridorCertificate, custody: 'server' | 'client', principal: Principal): Promise<CertificateView> {
    const { ledger: _ignored, ...document } = signed;
    const at = new Date().toISOString();
    // Plain JSON throughout (the data was checked when signed or verified): RFC 8785 directly.
    const text = canonicalize(document) as string;
    let row: CertificateRow | undefined;
    let change: StatusChange | undefined;
    await this.gate();
    await this.ledger.appendJson(certificateLedgerEntry({ ...document, digest: document.proof.digest }), async (manager, appended) => {
      row = {
        id: document.id,
        type: document.type,
        agencyId: document.issuer.agencyId,
        keyId: document.issuer.keyId,
        issuedAt: document.issuedAt,
        digest: document.proof.digest,
        document: text,
        custody,
        status: 'valid',
        revokedAt: null,
        revocationReason: null,
        ledgerIndex: appended.index,
        ledgerTreeSize: appended.treeHead.treeSize,
        createdAt: at,
        createdBy: principal.id,
      };
      change = { status: 'issued', at, by: principal.id, ledgerIndex: appended.index };
      await this.certificates.insertIn(manager, row, change);
    });
    if (!row || !change) throw new Error('the ledger did not run the certificate sidecar');
    const ledger = await this.proofs.proof(row.ledgerIndex, row.ledgerTreeSize);
    this.events.publish(new CertificateIssued(row.id, document.type, row.agencyId, row.issuedAt, custody, row.ledgerIndex));
    return toCertificateView(row, withLedger(JSON.parse(text) as CorridorCertificate, ledger), [change]);
  }

  /**
   * Holds appends until the event loop's check phase, then releases them together. HTTP requests
   * arrive one I/O callback at a time, and without this each one's ledger batch (a transaction,
   * a signed tree head, a commit) would finish in microtasks before the next request is read: one
   * batch per certificate. Released together, they share a batch.
   */
  private gate(): Promise<void> {
    return new Promise((resolve) => {
      this.gated.push(resolve);
      if (this.gated.length === 1) {
        setImmediate(() => {
          const released = this.gated;
          this.gated = [];
          for (const release of released) release();
        });
      }
    });
  }
}
