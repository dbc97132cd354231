import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { isRecord } from '../document/envelope';
import type { CheckResult, DocumentVerification } from '../document/verify';
import { looksLikeOpenAttestationV2, verifyOpenAttestationV2 } from '../open-attestation/oa-v2-verify';
import { CertificateRepository } from '../persistence/certificate.repository';
import { AgencyKeys, keyRecord } from '../registry/agency-keys';
import { LedgerKeys } from '../registry/ledger-keys';
import { keyRef, verifyCorridorBatch, type KeyRecordJson, type VerifyBatchInput } from './verify-batch';
import { VerifyPool } from './verify-pool';

export type VerifiedFormat = 'corridor-ecert/1' | 'openattestation-v2';

/** One verdict, in the same shape for Corridor and OpenAttestation documents. */
export interface CertificateVerdict {
  /** Corridor: integrity, signature and issuer VALID, revocation and ledger not INVALID. OpenAttestation: integrity VALID. */
  valid: boolean;
  format: VerifiedFormat;
  checks: { integrity: CheckResult; signature: CheckResult; issuer: CheckResult; revocation: CheckResult; ledger: CheckResult };
  id?: string;
  type?: string;
  issuer?: { agencyId: string; keyId: string };
  issuedAt?: string;
  disclosedLeaves?: number;
  hiddenLeaves?: number;
  openAttestation?: { version?: string; targetHash?: string; merkleRoot?: string; visibleFields?: number; obfuscatedFields?: number };
}

/** Batches at least this large go to the worker pool (when it can run). */
export const POOL_THRESHOLD = 64;

const SKIP = (reason: string): CheckResult => ({ status: 'SKIPPED', reason });

/**
 * Verifies certificate documents against this registry: agency keys (cached, see AgencyKeys),
 * revocations and registrations (one query per batch) and the published ledger keys; the checks
 * themselves are pure (verify-batch.ts) and run on worker threads for large batches.
 */
@Injectable()
export class CertificateVerifier implements OnModuleDestroy {
  readonly pool = new VerifyPool();

  constructor(private readonly keys: AgencyKeys, private readonly certificates: CertificateRepository, private readonly ledgerKeys: LedgerKeys) {}

  async verify(documents: readonly unknown[]): Promise<CertificateVerdict[]> {
    const verdicts: CertificateVerdict[] = new Array(documents.length);
    const corridor: { index: number; document: unknown }[] = [];
    documents.forEach((document, index) => {
      if (looksLikeOpenAttestationV2(document) && !(isRecord(document) && 'format' in document)) verdicts[index] = openAttestationVerdict(document);
      else corridor.push({ index, document });
    });
    if (corridor.length > 0) {
      const input = await this.context(corridor.map((c) => c.document));
      const results = corridor.length >= POOL_THRESHOLD ? await this.pool.verify(input) : verifyCorridorBatch(input);
      results.forEach((result, i) => (verdicts[corridor[i].index] = corridorVerdict(result)));
    }
    return verdicts;
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }

  /** Everything the pure check needs from the registry, for these documents only. */
  private async context(documents: readonly unknown[]): Promise<VerifyBatchInput> {
    const agencyIds = new Set<string>();
    const certificateIds = new Set<string>();
    const ledgerKeyIds = new Set<string>();
    for (const document of documents) {
      if (!isRecord(document)) continue;
      const issuer = document['issuer'];
      if (isRecord(issuer) && typeof issuer['agencyId'] === 'string' && issuer['agencyId'].length <= 100) agencyIds.add(issuer['agencyId']);
      if (typeof document['id'] === 'string' && document['id'].length <= 200) certificateIds.add(document['id']);
      const ledger = document['ledger'];
      const head = isRecord(ledger) ? ledger['treeHead'] : undefined;
      if (isRecord(head) && typeof head['keyId'] === 'string') ledgerKeyIds.add(head['keyId'].toLowerCase());
    }
    const [byAgency, registrations, ledgerKeys] = await Promise.all([
      this.keys.keysOf(agencyIds),
      this.certificates.registrations([...certificateIds]),
      this.ledgerKeys.get(ledgerKeyIds),
    ]);
    const keys: Record<string, KeyRecordJson> = {};
    for (const rows of byAgency.values()) for (const row of rows) keys[keyRef(row.agencyId, row.keyId)] = keyRecord(row);
    return { documents, keys, registrations, ledgerKeys, now: Date.now() };
  }
}

function corridorVerdict(result: DocumentVerification): CertificateVerdict {
  return { ...result, format: 'corridor-ecert/1', checks: { ...result.checks } };
}

function openAttestationVerdict(document: unknown): CertificateVerdict {
  const oa = verifyOpenAttestationV2(document);
  return {
    valid: oa.integrity === 'VALID',
    format: 'openattestation-v2',
    checks: {
      integrity: { status: oa.integrity, reason: oa.reason },
      signature: SKIP(`an OpenAttestation v2 document is signed by publishing its Merkle root (document store or token registry) or by a DID: ${oa.statusReason}`),
      issuer: SKIP(`issuer identity (DNS-TXT or DID): ${oa.identityReason}`),
      revocation: SKIP(`issuance and revocation status (document store or token registry): ${oa.statusReason}`),
      ledger: SKIP('OpenAttestation documents are anchored on their own chain, not in the Corridor ledger'),
    },
    openAttestation: {
      ...(oa.version ? { version: oa.version } : {}),
      ...(oa.targetHash ? { targetHash: oa.targetHash } : {}),
      ...(oa.merkleRoot ? { merkleRoot: oa.merkleRoot } : {}),
      ...(oa.visibleFields !== undefined ? { visibleFields: oa.visibleFields } : {}),
      ...(oa.obfuscatedFields !== undefined ? { obfuscatedFields: oa.obfuscatedFields } : {}),
    },
  };
}
