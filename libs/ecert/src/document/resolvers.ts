import type { PublicKeyInput } from './keys';
import type { CertificateIssuer, CertificateType } from './types';

/**
 * What verification needs from the outside world. The pure layer defines the shapes; the Nest
 * service plugs in its key registry, revocation table and ledger verifier. Each may answer
 * synchronously or with a Promise (verifyDocumentSync accepts synchronous answers only). An
 * exception thrown by a resolver is not a verdict on the document: it propagates to the caller.
 */

export type MaybePromise<T> = T | Promise<T>;
export type CheckStatus = 'VALID' | 'INVALID' | 'SKIPPED';

/** An issuer key as the agency registry knows it. */
export interface IssuerKeyRecord {
  /** base64 of the raw 32-byte Ed25519 key (or PEM, bytes, KeyObject). */
  readonly publicKey: PublicKeyInput;
  /** The key may sign certificates issued at or after this instant... */
  readonly validFrom: string | Date;
  /** ...and strictly before this one (absent or null: no end). */
  readonly validTo?: string | Date | null;
  /** Certificates claiming to be issued at or after this instant are refused. */
  readonly revokedAt?: string | Date | null;
}

/**
 * Looks up the key `keyId` of agency `agencyId`; `at` is the certificate's issuedAt (a registry
 * that keeps key history can use it). undefined: no such key.
 */
export type ResolveKey = (agencyId: string, keyId: string, at: Date) => MaybePromise<IssuerKeyRecord | undefined>;

export interface RevocationRecord {
  readonly revoked: boolean;
  readonly reason?: string;
  readonly at?: string | Date;
}

/** undefined (or revoked: false): the certificate is not revoked. */
export type IsRevoked = (certificateId: string) => MaybePromise<RevocationRecord | undefined>;

/** What the ledger verifier receives: the certificate's identity, its signed digest and the attached anchoring proof. */
export interface LedgerProofBundle {
  readonly certificateId: string;
  readonly type: CertificateType;
  readonly issuer: CertificateIssuer;
  readonly issuedAt: string;
  /** SHA-256 of the signed payload (proof.digest, recomputed from the content). */
  readonly digest: string;
  /** The document's `ledger` member as it arrived (undefined when the document carries none). */
  readonly proof: unknown;
}

export interface LedgerCheck {
  readonly status: CheckStatus;
  readonly reason: string;
}

export type CheckLedger = (bundle: LedgerProofBundle) => MaybePromise<LedgerCheck>;

export interface CertificateResolvers {
  readonly resolveKey: ResolveKey;
  /** Without it the revocation check is SKIPPED. */
  readonly isRevoked?: IsRevoked;
  /** Without it the ledger check is SKIPPED. */
  readonly checkLedger?: CheckLedger;
  /** Clock used to refuse certificates issued in the future (default: the system clock). */
  readonly now?: () => Date;
  /** Tolerated clock difference for "issued in the future", in milliseconds (default 5 minutes). */
  readonly clockSkewMs?: number;
}
