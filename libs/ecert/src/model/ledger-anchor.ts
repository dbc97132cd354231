import { canonicalJsonBytes, verifyInclusion, verifySignedTreeHead, type SignedTreeHead } from '@corridor/ledger';
import type { IssuerKeyRecord, LedgerCheck, LedgerProofBundle } from '../document/resolvers';

/**
 * Ledger anchoring of certificates, pure (no Nest, no database): what is appended when a
 * certificate is registered, the proof bundle a document carries in its `ledger` member, and the
 * checker that verifies it offline against the published ledger keys.
 *
 * The appended entry is rebuilt from the document's own signed content (id, type, issuer,
 * issuedAt, digest), so a proof copied from another certificate, or an altered path, root or tree
 * head, fails; the `ledger` member itself is not covered by the issuer's signature and needs none.
 */

export const ECERT_LEDGER_ENTRY = 'corridor.ecert.v1';
export const ECERT_REVOCATION_LEDGER_ENTRY = 'corridor.ecert.revocation.v1';

/** The JSON appended to the ledger for a certificate (RFC 8785-canonicalised by the ledger). */
export interface CertificateLedgerEntry {
  readonly type: typeof ECERT_LEDGER_ENTRY;
  readonly certificateId: string;
  readonly certificateType: string;
  readonly agencyId: string;
  readonly keyId: string;
  readonly issuedAt: string;
  /** proof.digest: SHA-256 of the signed payload. */
  readonly digest: string;
}

/** The document's `ledger` member: an RFC 9162 inclusion proof against a signed tree head. */
export interface CertificateLedgerProof {
  readonly entry: typeof ECERT_LEDGER_ENTRY;
  readonly leafIndex: number;
  readonly treeSize: number;
  /** Sibling hashes from the leaf up, lowercase hex. */
  readonly inclusionPath: readonly string[];
  readonly treeHead: SignedTreeHead;
}

export function certificateLedgerEntry(certificate: { id: string; type: string; issuer: { agencyId: string; keyId: string }; issuedAt: string; digest: string }): CertificateLedgerEntry {
  return {
    type: ECERT_LEDGER_ENTRY,
    certificateId: certificate.id,
    certificateType: certificate.type,
    agencyId: certificate.issuer.agencyId,
    keyId: certificate.issuer.keyId,
    issuedAt: certificate.issuedAt,
    digest: certificate.digest,
  };
}

export interface LedgerAnchorOptions {
  /** Ledger signing keys by key id (SHA-256 of the SPKI, hex) -> raw public key, hex (GET /api/ledger/keys). */
  readonly ledgerKeys: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /**
   * The issuer key as the registry knows it: when the key was revoked before the tree head that
   * includes the certificate, issuedAt cannot be trusted (it may have been signed with the
   * compromised key and backdated), so the anchor is INVALID.
   */
  readonly issuerKey?: (agencyId: string, keyId: string) => IssuerKeyRecord | undefined;
  /** Tolerated clock difference between the issuer and the ledger (default 5 minutes). */
  readonly clockSkewMs?: number;
}

const PROOF_MEMBERS = new Set(['entry', 'leafIndex', 'treeSize', 'inclusionPath', 'treeHead']);
const DEFAULT_SKEW_MS = 5 * 60_000;

/**
 * Signed tree heads already verified, by (key, content, signature): a pure function of its inputs,
 * and many certificates share one tree head (group commit), so one Ed25519 check serves them all.
 */
const VERIFIED_TREE_HEADS = new Set<string>();
const VERIFIED_TREE_HEADS_SIZE = 4096;

function record(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const result = (status: LedgerCheck['status'], reason: string): LedgerCheck => ({ status, reason });

function lookup(keys: LedgerAnchorOptions['ledgerKeys'], keyId: string): string | undefined {
  if (keys instanceof Map) return keys.get(keyId);
  return Object.hasOwn(keys, keyId) ? (keys as Record<string, string>)[keyId] : undefined;
}

function verifiedTreeHead(head: SignedTreeHead, publicKey: string): string | undefined {
  const cacheKey = `${publicKey}|${head.treeSize}|${head.timestamp}|${head.rootHash}|${head.signature}`;
  if (VERIFIED_TREE_HEADS.has(cacheKey)) return undefined;
  const checked = verifySignedTreeHead(head, publicKey);
  if (!checked.ok) return checked.reason;
  if (VERIFIED_TREE_HEADS.size >= VERIFIED_TREE_HEADS_SIZE) VERIFIED_TREE_HEADS.delete(VERIFIED_TREE_HEADS.values().next().value as string);
  VERIFIED_TREE_HEADS.add(cacheKey);
  return undefined;
}

function check(bundle: LedgerProofBundle, options: LedgerAnchorOptions): LedgerCheck {
  const proof = bundle.proof;
  if (proof === undefined || proof === null) return result('SKIPPED', 'the document carries no ledger proof (no "ledger" member)');
  if (!record(proof)) return result('INVALID', 'ledger must be an object {entry, leafIndex, treeSize, inclusionPath, treeHead}');
  for (const key of Object.keys(proof)) if (!PROOF_MEMBERS.has(key)) return result('INVALID', `unexpected member "ledger.${key}"`);
  if (proof['entry'] !== ECERT_LEDGER_ENTRY) return result('INVALID', `ledger.entry must be "${ECERT_LEDGER_ENTRY}"`);
  const head = proof['treeHead'];
  if (!record(head)) return result('INVALID', 'ledger.treeHead must be a signed tree head object');
  const keyId = head['keyId'];
  if (typeof keyId !== 'string') return result('INVALID', 'ledger.treeHead.keyId must be a string');
  const publicKey = lookup(options.ledgerKeys, keyId.toLowerCase());
  if (!publicKey) return result('INVALID', `the tree head is signed by ledger key ${keyId.slice(0, 16)}…, which is not a published ledger key`);
  const sth = head as unknown as SignedTreeHead;
  const sthProblem = verifiedTreeHead(sth, publicKey);
  if (sthProblem) return result('INVALID', `signed tree head: ${sthProblem}`);
  const entry = certificateLedgerEntry({ id: bundle.certificateId, type: bundle.type, issuer: bundle.issuer, issuedAt: bundle.issuedAt, digest: bundle.digest });
  const included = verifyInclusion(
    { leafIndex: proof['leafIndex'] as number, treeSize: proof['treeSize'] as number, inclusionPath: proof['inclusionPath'] as string[] },
    { entry: canonicalJsonBytes(entry) },
    sth,
  );
  if (!included.ok) return result('INVALID', `the certificate is not proven to be in the ledger: ${included.reason}`);

  const anchoredAt = sth.timestamp;
  const issuedAt = Date.parse(bundle.issuedAt);
  const skew = options.clockSkewMs ?? DEFAULT_SKEW_MS;
  const when = new Date(anchoredAt).toISOString();
  if (anchoredAt + skew < issuedAt) return result('INVALID', `the tree head that includes it (${when}) is older than issuedAt ${bundle.issuedAt}: issuedAt was forward-dated`);
  const key = options.issuerKey?.(bundle.issuer.agencyId, bundle.issuer.keyId);
  const revokedAt = key?.revokedAt ? new Date(key.revokedAt).getTime() : undefined;
  if (revokedAt !== undefined && !Number.isNaN(revokedAt) && anchoredAt >= revokedAt) {
    return result('INVALID', `anchored at ${when}, after key ${bundle.issuer.keyId} was revoked (${new Date(revokedAt).toISOString()}): it may have been signed with the compromised key and backdated`);
  }
  return result('VALID', `entry ${proof['leafIndex']} of the ledger, included in the tree of size ${sth.treeSize} signed at ${when} by ledger key ${keyId.slice(0, 16)}…`);
}

/** A (synchronous) CheckLedger for verifyDocument / verifyDocumentSync. Never throws on the document's content. */
export function createLedgerAnchorCheck(options: LedgerAnchorOptions): (bundle: LedgerProofBundle) => LedgerCheck {
  return (bundle) => {
    try {
      return check(bundle, options);
    } catch (error) {
      return result('INVALID', `malformed ledger proof: ${error instanceof Error ? error.message : 'unreadable value'}`);
    }
  };
}
