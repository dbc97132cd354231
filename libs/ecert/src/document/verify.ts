import { verify as verifySignature } from 'node:crypto';
import { agencyIdProblem, describeValue, idProblem, issuedAtProblem, isRecord, keyIdProblem, parseIsoUtc, typeProblem, type Envelope } from './envelope';
import { readPublicKey, type IssuerPublicKey } from './keys';
import { DataShapeError, HASH_PATTERN, nodeLeafHash, payloadDigest, SALT_PATTERN, signedPayload, walkData } from './leaves';
import type { CertificateResolvers, CheckStatus, IssuerKeyRecord, LedgerCheck, LedgerProofBundle, MaybePromise, ResolveKey, RevocationRecord } from './resolvers';
import { DOCUMENT_MEMBERS, ECERT_FORMAT, ECERT_PROOF_TYPE, type CertificateType } from './types';

export interface CheckResult {
  readonly status: CheckStatus;
  readonly reason: string;
}

export interface DocumentVerification {
  /** integrity, signature and issuer VALID, and neither revocation nor ledger INVALID. */
  readonly valid: boolean;
  readonly checks: {
    /** The disclosed data, salts and obfuscated hashes reproduce proof.digest. */
    readonly integrity: CheckResult;
    /** proof.signature is the issuer key's Ed25519 signature of the digest of the content as shown. */
    readonly signature: CheckResult;
    /** The key is the agency's, and was valid (not revoked) when the certificate was issued. */
    readonly issuer: CheckResult;
    readonly revocation: CheckResult;
    readonly ledger: CheckResult;
  };
  readonly id?: string;
  readonly type?: CertificateType;
  readonly issuer?: { readonly agencyId: string; readonly keyId: string };
  readonly issuedAt?: string;
  /** Leaves (fields and arrays) disclosed and hidden. */
  readonly disclosedLeaves?: number;
  readonly hiddenLeaves?: number;
}

const MAX_OBFUSCATED = 100_000;
const SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{86}==$/;
const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Signatures already found valid, by (public key, digest, signature): a pure function of its
 * inputs, so remembering successes is safe, and the same certificate is often verified again
 * (at export, transit and import, by every API client). Bounded, oldest dropped first.
 */
const VERIFIED_SIGNATURES = new Map<string, true>();
const VERIFIED_SIGNATURES_SIZE = 4096;

function ed25519Verify(publicKey: IssuerPublicKey, digest: string, signature: Buffer, signatureText: string): boolean {
  const cacheKey = `${publicKey.base64}|${digest}|${signatureText}`;
  if (VERIFIED_SIGNATURES.has(cacheKey)) return true;
  const ok = verifySignature(null, Buffer.from(digest, 'hex'), publicKey.keyObject, signature);
  if (ok) {
    if (VERIFIED_SIGNATURES.size >= VERIFIED_SIGNATURES_SIZE) VERIFIED_SIGNATURES.delete(VERIFIED_SIGNATURES.keys().next().value as string);
    VERIFIED_SIGNATURES.set(cacheKey, true);
  }
  return ok;
}

const check = (status: CheckStatus, reason: string): CheckResult => ({ status, reason });
const NOT_REQUESTED = (what: string) => check('SKIPPED', `no ${what} was supplied to this verification`);

/** The part of verification that needs no resolver: shape, integrity and the payload. */
type Inspection =
  | { readonly kind: 'unreadable'; readonly reason: string }
  | {
      readonly kind: 'readable';
      readonly envelope: Envelope;
      readonly issuedAtMs: number;
      /** Set when the content could be hashed. */
      readonly payload?: string;
      readonly digest?: string;
      readonly integrity: CheckResult;
      readonly signature?: Buffer;
      readonly signatureText?: string;
      readonly signatureProblem?: string;
      readonly ledgerProof: unknown;
      readonly disclosedLeaves?: number;
      readonly hiddenLeaves?: number;
    };

function readEnvelope(document: Record<string, unknown>): Envelope | string {
  if (document['format'] !== ECERT_FORMAT) return `format must be "${ECERT_FORMAT}", got ${describeValue(document['format'])}`;
  for (const key of Object.keys(document)) if (!DOCUMENT_MEMBERS.has(key)) return `unexpected member "${key}"`;
  const issuer = document['issuer'];
  if (!isRecord(issuer)) return `issuer must be an object {agencyId, keyId}, got ${describeValue(issuer)}`;
  for (const key of Object.keys(issuer)) if (key !== 'agencyId' && key !== 'keyId') return `unexpected member "issuer.${key}"`;
  const problem = idProblem(document['id']) ?? typeProblem(document['type']) ?? agencyIdProblem(issuer['agencyId']) ?? keyIdProblem(issuer['keyId']) ?? issuedAtProblem(document['issuedAt']);
  if (problem) return problem;
  return {
    id: document['id'] as string,
    type: document['type'] as CertificateType,
    agencyId: issuer['agencyId'] as string,
    keyId: issuer['keyId'] as string,
    issuedAt: document['issuedAt'] as string,
  };
}

function inspect(document: unknown): Inspection {
  if (!isRecord(document)) return { kind: 'unreadable', reason: `a certificate document must be a JSON object, got ${describeValue(document)}` };
  const envelope = readEnvelope(document);
  if (typeof envelope === 'string') return { kind: 'unreadable', reason: envelope };
  const base = { kind: 'readable' as const, envelope, issuedAtMs: parseIsoUtc(envelope.issuedAt) as number, ledgerProof: document['ledger'] };
  const broken = (reason: string): Inspection => ({ ...base, integrity: check('INVALID', reason) });

  const proof = document['proof'];
  if (!isRecord(proof)) return broken(`proof must be an object {type, digest, signature}, got ${describeValue(proof)}`);
  for (const key of Object.keys(proof)) if (key !== 'type' && key !== 'digest' && key !== 'signature') return broken(`unexpected member "proof.${key}"`);
  if (proof['type'] !== ECERT_PROOF_TYPE) return broken(`proof.type must be "${ECERT_PROOF_TYPE}", got ${describeValue(proof['type'])}`);
  const claimedDigest = proof['digest'];
  if (typeof claimedDigest !== 'string' || !HASH_PATTERN.test(claimedDigest)) return broken(`proof.digest must be 64 lowercase hex digits, got ${describeValue(claimedDigest)}`);
  const signatureText = proof['signature'];
  let signature: Buffer | undefined;
  let signatureProblem: string | undefined;
  if (typeof signatureText !== 'string' || !SIGNATURE_BASE64.test(signatureText)) {
    signatureProblem = `proof.signature must be the base64 of a 64-byte Ed25519 signature, got ${describeValue(signatureText)}`;
  } else {
    signature = Buffer.from(signatureText, 'base64');
    // Base64 has spare bits: only the canonical spelling of the 64 bytes is accepted.
    if (signature.toString('base64') !== signatureText) {
      signatureProblem = 'proof.signature is not canonical base64 (non-zero padding bits)';
      signature = undefined;
    }
  }

  const data = document['data'];
  const salts = document['salts'];
  const obfuscated = document['obfuscated'];
  if (!isRecord(data)) return broken(`data must be an object, got ${describeValue(data)}`);
  if (!isRecord(salts)) return broken(`salts must be an object (JSON Pointer -> salt), got ${describeValue(salts)}`);
  if (!Array.isArray(obfuscated)) return broken(`obfuscated must be an array of leaf hashes, got ${describeValue(obfuscated)}`);
  if (obfuscated.length > MAX_OBFUSCATED) return broken(`obfuscated has ${obfuscated.length} entries, more than ${MAX_OBFUSCATED}`);
  for (let i = 0; i < obfuscated.length; i++) {
    const hash: unknown = obfuscated[i];
    if (typeof hash !== 'string' || !HASH_PATTERN.test(hash)) return broken(`obfuscated[${i}] must be 64 lowercase hex digits, got ${describeValue(hash)}`);
    if (i > 0 && hash <= (obfuscated[i - 1] as string)) return broken(`obfuscated must be sorted without duplicates (entry ${i})`);
  }

  const hashes: string[] = [];
  let usedSalts = 0;
  let problem: string | undefined;
  try {
    walkData(data, (node) => {
      if (problem) return;
      const salt = Object.hasOwn(salts, node.pointer) ? salts[node.pointer] : undefined;
      if (salt === undefined) {
        // A null array element without a salt is the placeholder of a hidden element.
        if (node.kind !== 'null-element') problem = `data${node.pointer} has no salt: a field was added or its salt removed`;
        return;
      }
      if (typeof salt !== 'string' || !SALT_PATTERN.test(salt)) {
        problem = `salts["${node.pointer}"] must be 32 lowercase hex digits, got ${describeValue(salt)}`;
        return;
      }
      usedSalts++;
      hashes.push(nodeLeafHash(node, salt));
    });
  } catch (error) {
    if (!(error instanceof DataShapeError)) throw error;
    problem = `data${error.message}`;
  }
  if (problem) return broken(problem);
  if (usedSalts !== Object.keys(salts).length) {
    const unused = Object.keys(salts).find((pointer) => !pointerExists(data, pointer));
    return broken(`salts has an entry for ${unused === undefined ? 'a field' : `"${unused}"`} that data does not disclose: a field was removed without obfuscating it`);
  }

  const disclosedLeaves = hashes.length;
  for (const hash of obfuscated as string[]) hashes.push(hash);
  hashes.sort();
  const payload = signedPayload({ id: envelope.id, type: envelope.type, issuer: { agencyId: envelope.agencyId, keyId: envelope.keyId }, issuedAt: envelope.issuedAt }, hashes);
  const digest = payloadDigest(payload);
  const counts = `${disclosedLeaves} disclosed, ${obfuscated.length} hidden`;
  const integrity =
    digest === claimedDigest
      ? check('VALID', `data, salts and obfuscated hashes reproduce proof.digest (${counts})`)
      : check('INVALID', `the content does not reproduce proof.digest (${counts}): data, a salt, an obfuscated hash, the envelope or the digest was changed after signing`);
  return { ...base, payload, digest, integrity, signature, signatureText: signatureText as string, signatureProblem, disclosedLeaves, hiddenLeaves: obfuscated.length };
}

function pointerExists(data: Record<string, unknown>, pointer: string): boolean {
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return node !== undefined && node !== null;
}

function toMs(value: string | Date | null | undefined): number | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? 'invalid' : ms;
}

interface Lookups {
  readonly key: IssuerKeyRecord | undefined;
  readonly revocation: RevocationRecord | undefined | 'not-requested';
  readonly ledger: LedgerCheck | 'not-requested' | 'not-checked';
}

function finish(inspection: Extract<Inspection, { kind: 'readable' }>, lookups: Lookups, resolvers: CertificateResolvers): DocumentVerification {
  const { envelope, integrity } = inspection;
  const at = new Date(inspection.issuedAtMs).toISOString();

  // Issuer: the registry knows the key, its id matches, and it was valid at issuedAt.
  let issuer: CheckResult;
  let publicKey: ReturnType<typeof readPublicKey> | undefined;
  const record = lookups.key;
  if (!record) {
    issuer = check('INVALID', `agency ${envelope.agencyId} has no key ${envelope.keyId}`);
  } else {
    publicKey = readPublicKey(record.publicKey);
    const from = toMs(record.validFrom);
    const to = toMs(record.validTo);
    const revokedAt = toMs(record.revokedAt);
    const now = (resolvers.now?.() ?? new Date()).getTime();
    const skew = resolvers.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
    if (!publicKey.ok) issuer = check('INVALID', `the registry's key ${envelope.keyId} is unusable: ${publicKey.reason}`);
    else if (publicKey.value.keyId !== envelope.keyId) issuer = check('INVALID', `the registry returned a key whose id is ${publicKey.value.keyId}, not ${envelope.keyId}`);
    else if (from === undefined || from === 'invalid' || to === 'invalid' || revokedAt === 'invalid') issuer = check('INVALID', `the registry's validity period for key ${envelope.keyId} is unreadable`);
    else if (inspection.issuedAtMs < from) issuer = check('INVALID', `issued at ${at}, before key ${envelope.keyId} became valid (${new Date(from).toISOString()})`);
    else if (to !== undefined && inspection.issuedAtMs >= to) issuer = check('INVALID', `issued at ${at}, after key ${envelope.keyId} expired (${new Date(to).toISOString()})`);
    else if (revokedAt !== undefined && inspection.issuedAtMs >= revokedAt) issuer = check('INVALID', `issued at ${at}, after key ${envelope.keyId} was revoked (${new Date(revokedAt).toISOString()})`);
    else if (inspection.issuedAtMs > now + skew) issuer = check('INVALID', `issued at ${at}, which is in the future`);
    else {
      const later = revokedAt !== undefined ? `; the key was revoked later (${new Date(revokedAt).toISOString()}), so issuedAt should be corroborated by the ledger` : '';
      issuer = check('VALID', `key ${envelope.keyId} of agency ${envelope.agencyId} was valid at ${at}${later}`);
    }
  }

  // Signature over the payload recomputed from the content (so it speaks for what is shown).
  let signature: CheckResult;
  if (inspection.payload === undefined) signature = check('SKIPPED', 'not checked: the document content cannot be hashed (see integrity)');
  else if (inspection.signatureProblem !== undefined || inspection.signature === undefined) signature = check('INVALID', inspection.signatureProblem ?? 'proof.signature is unreadable');
  else if (!publicKey) signature = check('INVALID', `cannot be checked: agency ${envelope.agencyId} has no key ${envelope.keyId}`);
  else if (!publicKey.ok) signature = check('INVALID', `cannot be checked: ${publicKey.reason}`);
  else if (ed25519Verify(publicKey.value, inspection.digest as string, inspection.signature, inspection.signatureText as string)) {
    signature = check('VALID', `Ed25519 signature by key ${publicKey.value.keyId} over the content as shown`);
  } else {
    signature = check('INVALID', `the Ed25519 signature does not match the content as shown under key ${publicKey.value.keyId}`);
  }

  let revocation: CheckResult;
  if (lookups.revocation === 'not-requested') revocation = NOT_REQUESTED('revocation check');
  else if (!lookups.revocation || lookups.revocation.revoked !== true) revocation = check('VALID', `certificate ${envelope.id} is not revoked`);
  else {
    const when = toMs(lookups.revocation.at);
    revocation = check('INVALID', `certificate ${envelope.id} was revoked${typeof when === 'number' ? ` at ${new Date(when).toISOString()}` : ''}${lookups.revocation.reason ? `: ${lookups.revocation.reason}` : ''}`);
  }

  let ledger: CheckResult;
  if (lookups.ledger === 'not-requested') ledger = NOT_REQUESTED('ledger checker');
  else if (lookups.ledger === 'not-checked') ledger = check('SKIPPED', 'not checked: the content does not reproduce its digest');
  else ledger = readLedgerCheck(lookups.ledger);

  const valid = integrity.status === 'VALID' && signature.status === 'VALID' && issuer.status === 'VALID' && revocation.status !== 'INVALID' && ledger.status !== 'INVALID';
  return {
    valid,
    checks: { integrity, signature, issuer, revocation, ledger },
    id: envelope.id,
    type: envelope.type,
    issuer: { agencyId: envelope.agencyId, keyId: envelope.keyId },
    issuedAt: envelope.issuedAt,
    disclosedLeaves: inspection.disclosedLeaves,
    hiddenLeaves: inspection.hiddenLeaves,
  };
}

function readLedgerCheck(answer: LedgerCheck): CheckResult {
  const status = answer?.status;
  if (status !== 'VALID' && status !== 'INVALID' && status !== 'SKIPPED') return check('INVALID', `the ledger checker answered an unknown status ${describeValue(status)}`);
  return check(status, typeof answer.reason === 'string' ? answer.reason : '');
}

function unreadableResult(reason: string): DocumentVerification {
  const skipped = check('SKIPPED', 'not checked: the document is unreadable (see integrity)');
  return { valid: false, checks: { integrity: check('INVALID', reason), signature: skipped, issuer: skipped, revocation: skipped, ledger: skipped } };
}

function normalise(resolvers: CertificateResolvers | ResolveKey): CertificateResolvers {
  return typeof resolvers === 'function' ? { resolveKey: resolvers } : resolvers;
}

function safeInspect(document: unknown): Inspection {
  try {
    return inspect(document);
  } catch (error) {
    return { kind: 'unreadable', reason: `malformed document: ${error instanceof Error ? error.message : 'unreadable value'}` };
  }
}

function ledgerBundle(inspection: Extract<Inspection, { kind: 'readable' }>): LedgerProofBundle {
  const { envelope } = inspection;
  return {
    certificateId: envelope.id,
    type: envelope.type,
    issuer: { agencyId: envelope.agencyId, keyId: envelope.keyId },
    issuedAt: envelope.issuedAt,
    digest: inspection.digest as string,
    proof: inspection.ledgerProof,
  };
}

/**
 * Verifies a Corridor certificate document: integrity (the disclosed data, salts and obfuscated
 * hashes reproduce proof.digest), the Ed25519 signature, the issuer key (known to the registry,
 * matching keyId, valid and not revoked at issuedAt, issuedAt not in the future), and, when the
 * resolvers are given, revocation and the ledger anchor (SKIPPED otherwise).
 *
 * Never throws on document content; exceptions from the resolvers propagate.
 */
export async function verifyDocument(document: unknown, resolvers: CertificateResolvers | ResolveKey): Promise<DocumentVerification> {
  const r = normalise(resolvers);
  const inspection = safeInspect(document);
  if (inspection.kind === 'unreadable') return unreadableResult(inspection.reason);
  const { envelope } = inspection;
  const [key, revocation, ledger] = await Promise.all([
    r.resolveKey(envelope.agencyId, envelope.keyId, new Date(inspection.issuedAtMs)),
    r.isRevoked ? r.isRevoked(envelope.id) : ('not-requested' as const),
    !r.checkLedger ? ('not-requested' as const) : inspection.integrity.status !== 'VALID' ? ('not-checked' as const) : r.checkLedger(ledgerBundle(inspection)),
  ]);
  return finish(inspection, { key, revocation, ledger }, r);
}

function settled<T>(value: MaybePromise<T>, what: string): T {
  if (typeof (value as { then?: unknown } | null)?.then === 'function') throw new TypeError(`verifyDocumentSync: ${what} returned a Promise; use verifyDocument`);
  return value as T;
}

/** verifyDocument for synchronous resolvers (an in-memory key map, tests, the CLI): no Promise overhead. */
export function verifyDocumentSync(document: unknown, resolvers: CertificateResolvers | ResolveKey): DocumentVerification {
  const r = normalise(resolvers);
  const inspection = safeInspect(document);
  if (inspection.kind === 'unreadable') return unreadableResult(inspection.reason);
  const { envelope } = inspection;
  const key = settled(r.resolveKey(envelope.agencyId, envelope.keyId, new Date(inspection.issuedAtMs)), 'resolveKey');
  const revocation = r.isRevoked ? settled(r.isRevoked(envelope.id), 'isRevoked') : 'not-requested';
  const ledger = !r.checkLedger ? 'not-requested' : inspection.integrity.status !== 'VALID' ? 'not-checked' : settled(r.checkLedger(ledgerBundle(inspection)), 'checkLedger');
  return finish(inspection, { key, revocation, ledger }, r);
}
