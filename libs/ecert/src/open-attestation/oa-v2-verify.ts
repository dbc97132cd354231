import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { OA_V2_SCHEMA_ID, OaFlattenError, foldOaProof, oaDigest, oaVisibleLeafHashes } from './oa-v2-hashing';

export type OaIntegrity = 'VALID' | 'INVALID';

/** Why issuance status and issuer identity are not checked here. */
export const OA_OFFLINE_SKIP_REASON = 'needs a chain and DNS; offline check only';

/**
 * Offline verdict on a wrapped OpenAttestation v2 / TradeTrust document. Only `integrity` is
 * decided; `status` (document store / token registry on a chain) and `identity` (DNS-TXT, DID)
 * are reported as SKIPPED for information.
 */
export interface OpenAttestationV2Verification {
  readonly integrity: OaIntegrity;
  readonly reason: string;
  /**
   * false when the input is not an OpenAttestation v2 wrapped document at all (not an object, no
   * `data` object, or neither a `signature` nor the v2 `version`): "unreadable", CLI exit code 2.
   * A recognised document that fails a check is `recognised: true, integrity: 'INVALID'`.
   */
  readonly recognised: boolean;
  readonly version?: string;
  readonly targetHash?: string;
  readonly merkleRoot?: string;
  /** The digest of `data` + `privacy.obfuscatedData` we computed (when the shape allowed it). */
  readonly computedTargetHash?: string;
  /** The root obtained by folding `signature.proof` into `signature.targetHash`. */
  readonly computedMerkleRoot?: string;
  readonly visibleFields?: number;
  readonly obfuscatedFields?: number;
  readonly proofLength?: number;
  readonly status: 'SKIPPED';
  readonly statusReason: string;
  readonly identity: 'SKIPPED';
  readonly identityReason: string;
}

type Outcome = Omit<OpenAttestationV2Verification, 'status' | 'statusReason' | 'identity' | 'identityReason'>;

/** Longest Merkle proof accepted: a batch of 2^64 documents is already far beyond any real one. */
const MAX_PROOF_LENGTH = 64;
const MAX_OBFUSCATED = 2_000_000;
const HASH_HEX = /^[0-9a-fA-F]{64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 80 ? `a string of ${value.length} characters` : `"${value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/**
 * Cheap shape test (no hashing): a JSON object with a `data` object and either a `signature` or
 * the OpenAttestation v2 `version`. True does not mean valid; use verifyOpenAttestationV2.
 */
export function looksLikeOpenAttestationV2(document: unknown): boolean {
  try {
    if (!isRecord(document) || !isRecord(document['data'])) return false;
    return document['signature'] !== undefined || document['version'] === OA_V2_SCHEMA_ID;
  } catch {
    return false;
  }
}

function withSkips(outcome: Outcome): OpenAttestationV2Verification {
  return { ...outcome, status: 'SKIPPED', statusReason: OA_OFFLINE_SKIP_REASON, identity: 'SKIPPED', identityReason: OA_OFFLINE_SKIP_REASON };
}

/**
 * Checks a wrapped OpenAttestation v2 document's integrity offline, exactly as
 * `@govtechsg/open-attestation`'s v2 `verify` (verifySignature) does: the digest of the salted
 * `data` leaves and `privacy.obfuscatedData` must equal `signature.targetHash`, and folding
 * `signature.proof` into the target hash must give `signature.merkleRoot` (an empty proof means
 * merkleRoot == targetHash). The signature block must have the shape the library's `Signature`
 * type requires (type "SHA3MerkleProof", hex hashes, a proof array).
 *
 * Never throws: hostile input becomes INVALID (or `recognised: false`) with a reason.
 */
export function verifyOpenAttestationV2(document: unknown): OpenAttestationV2Verification {
  try {
    return withSkips(verify(document));
  } catch (error) {
    return withSkips({ integrity: 'INVALID', recognised: looksLikeOpenAttestationV2(document), reason: `malformed document: ${error instanceof Error ? error.message : 'unreadable value'}` });
  }
}

function verify(document: unknown): Outcome {
  if (!isRecord(document)) {
    return { integrity: 'INVALID', recognised: false, reason: `not an OpenAttestation v2 wrapped document: expected a JSON object, got ${describe(document)}` };
  }
  const version = typeof document['version'] === 'string' ? document['version'] : undefined;
  const data = document['data'];
  if (!isRecord(data)) {
    const hint = typeof document['@context'] !== 'undefined' || typeof document['credentialSubject'] !== 'undefined' ? ' (this looks like an OpenAttestation v3/v4 or W3C credential)' : '';
    return { integrity: 'INVALID', recognised: false, version, reason: `not an OpenAttestation v2 wrapped document: "data" must be an object, got ${describe(data)}${hint}` };
  }
  const signature = document['signature'];
  if (signature === undefined) {
    if (version === OA_V2_SCHEMA_ID) return { integrity: 'INVALID', recognised: true, version, reason: 'the document is not wrapped: it has no "signature" (targetHash, proof, merkleRoot)' };
    return { integrity: 'INVALID', recognised: false, version, reason: 'not an OpenAttestation v2 wrapped document: no "signature" and no OpenAttestation v2 "version"' };
  }
  const invalid = (reason: string, extra: Partial<Outcome> = {}): Outcome => ({ integrity: 'INVALID', recognised: true, version, reason, ...extra });
  if (!isRecord(signature)) return invalid(`"signature" must be an object, got ${describe(signature)}`);

  const targetHash = signature['targetHash'];
  const merkleRoot = signature['merkleRoot'];
  const shown = { targetHash: typeof targetHash === 'string' ? targetHash : undefined, merkleRoot: typeof merkleRoot === 'string' ? merkleRoot : undefined };
  if (signature['type'] !== 'SHA3MerkleProof') return invalid(`signature.type must be "SHA3MerkleProof", got ${describe(signature['type'])}`, shown);
  if (typeof targetHash !== 'string' || !HASH_HEX.test(targetHash)) return invalid(`signature.targetHash must be a 32-byte hex hash, got ${describe(targetHash)}`, shown);
  if (typeof merkleRoot !== 'string' || !HASH_HEX.test(merkleRoot)) return invalid(`signature.merkleRoot must be a 32-byte hex hash, got ${describe(merkleRoot)}`, shown);
  const proof = signature['proof'];
  if (!Array.isArray(proof)) return invalid(`signature.proof must be an array of hashes, got ${describe(proof)}`, shown);
  if (proof.length > MAX_PROOF_LENGTH) return invalid(`signature.proof has ${proof.length} steps; more than ${MAX_PROOF_LENGTH} cannot come from a real batch`, shown);
  const proofBytes: Uint8Array[] = [];
  for (let i = 0; i < proof.length; i++) {
    const step: unknown = proof[i];
    if (typeof step !== 'string' || !HASH_HEX.test(step)) return invalid(`signature.proof[${i}] must be a 32-byte hex hash, got ${describe(step)}`, shown);
    proofBytes.push(hexToBytes(step));
  }

  const obfuscated = readObfuscatedData(document['privacy']);
  if (typeof obfuscated === 'string') return invalid(obfuscated, shown);

  let visible: string[];
  try {
    visible = oaVisibleLeafHashes(data);
  } catch (error) {
    if (error instanceof OaFlattenError || error instanceof RangeError) return invalid(`data cannot be digested: ${error.message}`, shown);
    throw error;
  }
  const computedTargetHash = oaDigest(visible, obfuscated);
  const computedMerkleRoot = bytesToHex(foldOaProof(hexToBytes(targetHash), proofBytes));
  const facts = { ...shown, computedTargetHash, computedMerkleRoot, visibleFields: visible.length, obfuscatedFields: obfuscated.length, proofLength: proof.length };
  const fields = `${visible.length} visible field${visible.length === 1 ? '' : 's'}, ${obfuscated.length} obfuscated`;

  // The reference compares the digest with targetHash as strings (its digest is lowercase hex).
  if (computedTargetHash !== targetHash) {
    return invalid(`targetHash does not match the digest of the document data (${fields}): the data, a salt, a type prefix or privacy.obfuscatedData was changed after wrapping, or targetHash itself was altered`, facts);
  }
  if (computedMerkleRoot !== merkleRoot.toLowerCase()) {
    const how = proof.length === 0 ? 'with an empty proof merkleRoot must equal targetHash' : `folding the ${proof.length}-step proof into targetHash gives ${computedMerkleRoot}`;
    return invalid(`the Merkle proof does not lead to merkleRoot: ${how}`, facts);
  }
  const batch = proof.length === 0 ? 'a single-document batch (merkleRoot = targetHash)' : `a ${proof.length}-step Merkle proof to merkleRoot`;
  return { integrity: 'VALID', recognised: true, version, reason: `targetHash matches the digest of the data (${fields}) and ${batch}`, ...facts };
}

/** `privacy.obfuscatedData` as the list of strings the digest includes, or the reason it is unusable. */
function readObfuscatedData(privacy: unknown): string[] | string {
  // lodash get(document, 'privacy.obfuscatedData', []) yields [] for a missing or null privacy.
  if (privacy === undefined || privacy === null) return [];
  if (!isRecord(privacy)) return `privacy must be an object, got ${describe(privacy)}`;
  const list = privacy['obfuscatedData'];
  if (list === undefined) return [];
  if (!Array.isArray(list)) return `privacy.obfuscatedData must be an array of hashes, got ${describe(list)}`;
  if (list.length > MAX_OBFUSCATED) return `privacy.obfuscatedData has ${list.length} entries, more than ${MAX_OBFUSCATED}`;
  for (let i = 0; i < list.length; i++) {
    // Any string takes part in the digest as written (a wrong one then fails the targetHash check);
    // other JSON types cannot come from the reference obfuscation.
    if (typeof list[i] !== 'string') return `privacy.obfuscatedData[${i}] must be a hex hash string, got ${describe(list[i])}`;
  }
  return list as string[];
}
