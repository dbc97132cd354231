import { Injectable } from '@nestjs/common';
import { LedgerService } from '@corridor/ledger';
import canonicalize from 'canonicalize';
import type { CorridorCertificate } from '../document/types';
import { ECERT_LEDGER_ENTRY, type CertificateLedgerProof } from '../model/ledger-anchor';
import type { CertificateRow } from '../persistence/ecert.entities';

const MAX_CACHED = 20_000;

/**
 * The `ledger` member of a registered certificate: its inclusion proof against the signed tree
 * head of the batch that appended it. Both are immutable, so proofs are kept once computed.
 */
@Injectable()
export class LedgerProofs {
  private readonly cache = new Map<string, CertificateLedgerProof>();

  constructor(private readonly ledger: LedgerService) {}

  async proof(index: number, treeSize: number): Promise<CertificateLedgerProof> {
    const key = `${index}/${treeSize}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const proof = await this.ledger.inclusionProof(index, treeSize);
    if (!proof.treeHead) throw new Error(`the ledger has no signed tree head of size ${treeSize}`);
    // Members in RFC 8785 order, so the document serialises as its canonical form.
    const anchor = JSON.parse(canonicalize({ entry: ECERT_LEDGER_ENTRY, leafIndex: proof.leafIndex, treeSize: proof.treeSize, inclusionPath: proof.inclusionPath, treeHead: proof.treeHead }) as string) as CertificateLedgerProof;
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, anchor);
    return anchor;
  }

  /** The registered document with its proof bundle, members in RFC 8785 order (as GET returns it). */
  async document(row: CertificateRow): Promise<CorridorCertificate> {
    const ledger = await this.proof(row.ledgerIndex, row.ledgerTreeSize);
    return withLedger(JSON.parse(row.document) as CorridorCertificate, ledger);
  }
}

/** Adds `ledger` where RFC 8785 puts it (between issuer and obfuscated), so JSON.stringify gives canonical member order. */
export function withLedger(document: CorridorCertificate, ledger: CertificateLedgerProof): CorridorCertificate {
  const ordered: Record<string, unknown> = {};
  for (const key of [...Object.keys(document).filter((k) => k !== 'ledger'), 'ledger'].sort()) ordered[key] = key === 'ledger' ? ledger : (document as unknown as Record<string, unknown>)[key];
  return ordered as unknown as CorridorCertificate;
}
