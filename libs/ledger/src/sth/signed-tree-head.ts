import { sign, verify, type KeyObject } from 'node:crypto';
import { bytesToHex, describeType, parseHex } from '../hex';
import type { ConsistencyProof, InclusionProof } from '../merkle/proofs';
import { verifyConsistency, verifyInclusion, type LeafInput } from '../merkle/verify';
import {
  failure,
  isRecord,
  neverThrow,
  readHash,
  readSize,
  VERIFIED,
  type HashLike,
  type VerificationResult,
} from '../verification-result';
import { parsePrivateKey, publicKeyOf, readPublicKey, type PublicKeyLike } from './keys';
import { encodeTreeHeadForSigning } from './tree-head-encoding';

/**
 * A signed tree head as it travels in JSON. The Ed25519 signature covers
 * `encodeTreeHeadForSigning(treeSize, timestamp, rootHash)` (RFC 9162 TreeHeadDataV2, see
 * tree-head-encoding.ts); `keyId` only says which key to check with and is not signed.
 */
export interface SignedTreeHead {
  readonly treeSize: number;
  /** Milliseconds since the Unix epoch. */
  readonly timestamp: number;
  /** 32 bytes, lowercase hex. */
  readonly rootHash: string;
  /** Lowercase hex SHA-256 of the signer's SPKI DER (see keys.ts). */
  readonly keyId: string;
  /** 64-byte Ed25519 signature, lowercase hex. */
  readonly signature: string;
}

export interface UnsignedTreeHead {
  readonly treeSize: number;
  readonly timestamp: number;
  readonly rootHash: HashLike;
}

const SIGNATURE_SIZE = 64;

// Deriving the public key (for the key id) costs an export and a hash: once per key is enough.
const PUBLIC_KEYS = new WeakMap<KeyObject, ReturnType<typeof publicKeyOf>>();

function cachedPublicKeyOf(key: KeyObject): ReturnType<typeof publicKeyOf> {
  let publicKey = PUBLIC_KEYS.get(key);
  if (!publicKey) {
    publicKey = publicKeyOf(key);
    PUBLIC_KEYS.set(key, publicKey);
  }
  return publicKey;
}

export function signTreeHead(head: UnsignedTreeHead, privateKey: string | KeyObject): SignedTreeHead {
  const treeSize = readSize(head.treeSize, 'tree size');
  if (!treeSize.ok) throw new RangeError(treeSize.reason);
  const timestamp = readSize(head.timestamp, 'timestamp');
  if (!timestamp.ok) throw new RangeError(timestamp.reason);
  const rootHash = readHash(head.rootHash, 'root hash');
  if (!rootHash.ok) throw new TypeError(rootHash.reason);
  const key = parsePrivateKey(privateKey);
  const publicKey = cachedPublicKeyOf(key);
  const message = encodeTreeHeadForSigning(treeSize.value, timestamp.value, rootHash.value);
  return {
    treeSize: treeSize.value,
    timestamp: timestamp.value,
    rootHash: bytesToHex(rootHash.value),
    keyId: publicKey.keyId,
    signature: bytesToHex(sign(null, message, key)),
  };
}

/** Checks shape, key id and signature. Never throws. */
export function verifySignedTreeHead(sth: SignedTreeHead, publicKey: PublicKeyLike): VerificationResult {
  return neverThrow(() => checkSignedTreeHead(sth, publicKey));
}

function checkSignedTreeHead(sth: unknown, publicKey: unknown): VerificationResult {
  if (!isRecord(sth)) return failure(`signed tree head must be an object, got ${describeType(sth)}`);
  const key = readPublicKey(publicKey);
  if (!key.ok) return failure(key.reason);
  const treeSize = readSize(sth.treeSize, 'tree size');
  if (!treeSize.ok) return failure(treeSize.reason);
  const timestamp = readSize(sth.timestamp, 'timestamp');
  if (!timestamp.ok) return failure(timestamp.reason);
  const rootHash = readHash(sth.rootHash, 'root hash');
  if (!rootHash.ok) return failure(rootHash.reason);
  if (typeof sth.keyId !== 'string') return failure(`key id must be a hex string, got ${describeType(sth.keyId)}`);
  if (sth.keyId.toLowerCase() !== key.value.keyId) {
    return failure(`signed by another key: key id ${sth.keyId.slice(0, 64)} is not the expected ${key.value.keyId}`);
  }
  const signature = parseHex(sth.signature, SIGNATURE_SIZE);
  if (!signature.ok) return failure(`signature must be ${SIGNATURE_SIZE} bytes in hex: ${signature.reason}`);
  const message = encodeTreeHeadForSigning(treeSize.value, timestamp.value, rootHash.value);
  if (!verify(null, message, key.value.keyObject, signature.bytes)) {
    return failure('signature does not verify: the tree head was altered or signed by another key');
  }
  return VERIFIED;
}

/** One call for clients: the STH is authentic and the leaf is in the tree it commits to. */
export function verifyInclusionAgainstSth(
  proof: InclusionProof<HashLike>,
  leaf: LeafInput,
  sth: SignedTreeHead,
  publicKey: PublicKeyLike,
): VerificationResult {
  const signed = verifySignedTreeHead(sth, publicKey);
  if (!signed.ok) return failure(`signed tree head: ${signed.reason}`);
  return verifyInclusion(proof, leaf, sth);
}

/** Both STHs are authentic and the second tree extends the first (the log never rewrote history). */
export function verifyConsistencyBetweenSths(
  proof: ConsistencyProof<HashLike>,
  firstSth: SignedTreeHead,
  secondSth: SignedTreeHead,
  publicKey: PublicKeyLike,
): VerificationResult {
  const first = verifySignedTreeHead(firstSth, publicKey);
  if (!first.ok) return failure(`first signed tree head: ${first.reason}`);
  const second = verifySignedTreeHead(secondSth, publicKey);
  if (!second.ok) return failure(`second signed tree head: ${second.reason}`);
  return verifyConsistency(proof, firstSth, secondSth);
}
