export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const CERTIFICATE_TYPES = ['e-coo', 'e-phyto', 'lpco'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export function isCertificateType(value: unknown): value is CertificateType {
  return typeof value === 'string' && (CERTIFICATE_TYPES as readonly string[]).includes(value);
}

/** The `format` of every Corridor certificate document; a new hashing or signing rule gets a new one. */
export const ECERT_FORMAT = 'corridor-ecert/1';
export const ECERT_PROOF_TYPE = 'Ed25519';

export interface CertificateIssuer {
  readonly agencyId: string;
  /** 16 lowercase hex digits: see keyIdOf. */
  readonly keyId: string;
}

/** What an agency asks to issue. */
export interface CertificateInput {
  readonly id: string;
  readonly type: CertificateType;
  /** keyId may be omitted: it is derived from the signing key (and checked when given). */
  readonly issuer: { readonly agencyId: string; readonly keyId?: string };
  /** ISO 8601 UTC; defaults to now. */
  readonly issuedAt?: string | Date;
  readonly data: JsonObject;
}

/**
 * A signed Corridor certificate document (format "corridor-ecert/1"). Every member is covered:
 * the envelope and every data leaf through the signed payload, the salts and obfuscated hashes
 * through the leaf hashes they reproduce; `ledger` (an optional anchoring proof bundle attached
 * after signing) is checked only by a ledger checker.
 */
export interface CorridorCertificate {
  readonly format: typeof ECERT_FORMAT;
  readonly id: string;
  readonly type: CertificateType;
  readonly issuer: CertificateIssuer;
  /** ISO 8601 UTC, e.g. "2025-03-01T10:00:00.000Z". */
  readonly issuedAt: string;
  /** The disclosed data; hidden fields are absent (or a null placeholder inside an array). */
  readonly data: JsonObject;
  /** JSON Pointer of each disclosed leaf (and of each disclosed array) -> 32 hex digit salt. */
  readonly salts: Readonly<Record<string, string>>;
  /** Leaf hashes of hidden fields, lowercase hex, sorted, no duplicates. */
  readonly obfuscated: readonly string[];
  readonly proof: CertificateProof;
  readonly ledger?: unknown;
}

export interface CertificateProof {
  readonly type: typeof ECERT_PROOF_TYPE;
  /** SHA-256 of the signed payload bytes, lowercase hex. */
  readonly digest: string;
  /** Ed25519 signature of the 32 bytes of `digest`, base64 (88 characters). */
  readonly signature: string;
}

/** The members a certificate document may have. */
export const DOCUMENT_MEMBERS: ReadonlySet<string> = new Set(['format', 'id', 'type', 'issuer', 'issuedAt', 'data', 'salts', 'obfuscated', 'proof', 'ledger']);
