import type { CorridorCertificate } from '../document/types';
import type { CertificateRow } from '../persistence/ecert.entities';
import type { StatusChange } from '../persistence/certificate.repository';

export type CertificateStatus = 'valid' | 'revoked';

export interface CertificateView {
  id: string;
  type: string;
  agencyId: string;
  keyId: string;
  issuedAt: string;
  status: CertificateStatus;
  /** 'server': signed with the key the server keeps for the agency; 'client': signed by the agency and submitted. */
  custody: 'server' | 'client';
  revokedAt?: string;
  revocationReason?: string;
  /** Where the certificate's entry is in the ledger. */
  ledger: { index: number; treeSize: number };
  /** The signed document with its proof bundle (`ledger`): what a holder presents and anyone verifies. */
  document: CorridorCertificate;
  history?: StatusChange[];
}

/** `document`: the registered document with its ledger proof (LedgerProofs.document). */
export function toCertificateView(row: CertificateRow, document: CorridorCertificate, history?: StatusChange[]): CertificateView {
  return {
    id: row.id,
    type: row.type,
    agencyId: row.agencyId,
    keyId: row.keyId,
    issuedAt: row.issuedAt,
    status: row.status as CertificateStatus,
    custody: row.custody as CertificateView['custody'],
    ...(row.revokedAt ? { revokedAt: row.revokedAt } : {}),
    ...(row.revocationReason ? { revocationReason: row.revocationReason } : {}),
    ledger: { index: row.ledgerIndex, treeSize: row.ledgerTreeSize },
    document,
    ...(history ? { history } : {}),
  };
}
