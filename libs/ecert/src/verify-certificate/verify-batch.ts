import { verifyDocumentSync, type CheckResult, type DocumentVerification } from '../document/verify';
import type { IssuerKeyRecord } from '../document/resolvers';
import { createLedgerAnchorCheck } from '../model/ledger-anchor';

/**
 * Verification of a batch of Corridor certificate documents from plain data only (what the
 * registry answered), so the same function runs on the main thread and in a worker thread.
 */

export interface KeyRecordJson {
  readonly publicKey: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly revokedAt: string | null;
}

/** What the registry knows of a certificate id. */
export interface RegistrationJson {
  readonly digest: string;
  readonly revoked: boolean;
  readonly revokedAt?: string;
  readonly reason?: string;
}

export interface VerifyBatchInput {
  readonly documents: readonly unknown[];
  /** By `${agencyId} ${keyId}`. */
  readonly keys: Readonly<Record<string, KeyRecordJson>>;
  /** By certificate id; absent: not registered here. */
  readonly registrations: Readonly<Record<string, RegistrationJson>>;
  /** Ledger key id -> raw public key hex. */
  readonly ledgerKeys: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch: "now" for every document of the batch. */
  readonly now: number;
}

export const keyRef = (agencyId: string, keyId: string): string => `${agencyId} ${keyId}`;

const own = <T>(map: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

export function verifyCorridorBatch(input: VerifyBatchInput): DocumentVerification[] {
  const issuerKey = (agencyId: string, keyId: string): IssuerKeyRecord | undefined => own(input.keys, keyRef(agencyId, keyId));
  const checkLedger = createLedgerAnchorCheck({ ledgerKeys: input.ledgerKeys, issuerKey });
  const now = new Date(input.now);
  return input.documents.map((document) => {
    const verdict = verifyDocumentSync(document, {
      resolveKey: issuerKey,
      isRevoked: (id) => {
        const registration = own(input.registrations, id);
        return registration?.revoked ? { revoked: true, at: registration.revokedAt, reason: registration.reason } : undefined;
      },
      checkLedger,
      now: () => now,
    });
    return withRegistration(verdict, document, input.registrations);
  });
}

/**
 * The core reads "no revocation record" as "not revoked". Here that is only true of certificates
 * this registry holds: for others the status is unknown (SKIPPED), and a document that differs
 * from the one registered under its id is reported as such.
 */
function withRegistration(verdict: DocumentVerification, document: unknown, registrations: VerifyBatchInput['registrations']): DocumentVerification {
  if (verdict.id === undefined || verdict.checks.revocation.status !== 'VALID') return verdict;
  const registration = own(registrations, verdict.id);
  let revocation: CheckResult | undefined;
  if (!registration) {
    revocation = { status: 'SKIPPED', reason: `certificate ${verdict.id} is not registered here, so its revocation status is unknown` };
  } else {
    const digest = (document as { proof?: { digest?: unknown } }).proof?.digest;
    if (digest !== registration.digest) revocation = { status: 'INVALID', reason: `the registry holds another document under id ${verdict.id}: this one was not registered` };
  }
  if (!revocation) return verdict;
  const checks = { ...verdict.checks, revocation };
  const valid = verdict.valid && revocation.status !== 'INVALID';
  return { ...verdict, valid, checks };
}
