import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex } from '@noble/hashes/utils';

/**
 * The hashing rules of OpenAttestation v2 (`@govtechsg/open-attestation`, src/2.0/digest.ts,
 * src/shared/merkle/merkle.ts, src/shared/utils/utils.ts, and the `flatley` package it flattens
 * with), re-implemented from the reference code so that our verdicts match theirs:
 *
 * 1. `data` (and only `data`) is flattened the way flatley does: nested objects and arrays are
 *    walked with "." joined key paths ("issuers.0.name"); an empty object or empty array is a leaf
 *    value of its own; a key that contains "." makes the reference implementation throw.
 * 2. Each leaf `path -> value` (the value normally being the salted string "uuid:type:value") is
 *    hashed as keccak256(JSON.stringify({ [path]: value })) - keccak-256 as in Ethereum, NOT the
 *    NIST SHA3-256 padding.
 * 3. The hex hashes of the visible leaves plus the hex strings of `privacy.obfuscatedData` are
 *    sorted (plain string order) and the target hash is keccak256(JSON.stringify(sortedHashes)).
 * 4. A Merkle proof step is keccak256(sort(a, b) concatenated) over raw 32-byte buffers (byte-wise
 *    order, Buffer.compare); folding the proof from the target hash must give the merkle root.
 */

export const OA_V2_SCHEMA_ID = 'https://schema.openattestation.com/2.0/schema.json';

/** keccak-256 of the UTF-8 bytes of a string, lowercase hex (what js-sha3's `keccak256` returns). */
export function keccak256Hex(text: string): string {
  return bytesToHex(keccak_256(text));
}

/** Deepest nesting accepted; real documents are a few levels deep, hostile ones can be thousands. */
export const MAX_OA_DEPTH = 512;
/** Upper bound on the number of leaves, so a hostile document cannot make us hash for minutes. */
export const MAX_OA_LEAVES = 2_000_000;

/**
 * Leaf names that the reference implementation silently drops from the digest: its
 * `lodash.omitBy` rebuilds the flattened object with `baseSet`, which refuses these keys. A
 * document using them would have a field no hash protects, so we refuse it instead.
 */
const UNPROTECTED_TOP_LEVEL_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class OaFlattenError extends Error {}

function isTraversable(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const tag = Object.prototype.toString.call(value);
  if (tag !== '[object Object]' && tag !== '[object Array]') return false;
  return Object.keys(value).length > 0;
}

/**
 * flatley's `flatten(data)` with OpenAttestation's "no '.' in keys" coercion, as a Map from the
 * flattened key to the leaf value. Same traversal order (Object.keys, depth first) and the same
 * "later write wins" when two paths collide (possible only with empty-string keys, because
 * flatley joins with `prev ? prev + '.' + key : key`).
 */
export function flattenOaData(data: Record<string, unknown>): Map<string, unknown> {
  const output = new Map<string, unknown>();
  const step = (object: Record<string, unknown>, prev: string, depth: number): void => {
    if (depth > MAX_OA_DEPTH) throw new OaFlattenError(`data is nested deeper than ${MAX_OA_DEPTH} levels`);
    for (const key of Object.keys(object)) {
      if (key.includes('.')) throw new OaFlattenError(`data key "${key}" contains "." (the reference implementation refuses such keys)`);
      const value = object[key];
      const newKey = prev ? `${prev}.${key}` : key;
      if (isTraversable(value)) {
        step(value, newKey, depth + 1);
        continue;
      }
      if (UNPROTECTED_TOP_LEVEL_KEYS.has(newKey)) {
        throw new OaFlattenError(`data key "${newKey}" is not covered by the OpenAttestation digest`);
      }
      output.set(newKey, value);
      if (output.size > MAX_OA_LEAVES) throw new OaFlattenError(`data has more than ${MAX_OA_LEAVES} leaves`);
    }
  };
  step(data, '', 1);
  return output;
}

/** keccak256(JSON.stringify({ [key]: value })) for one flattened leaf. */
export function oaLeafHash(key: string, value: unknown): string {
  const serialised = JSON.stringify(value);
  // JSON.stringify({k: v}) drops a member whose value has no JSON form; OpenAttestation data is
  // parsed JSON, so such a value can only come from a caller passing live objects: refuse it.
  if (serialised === undefined) throw new OaFlattenError(`data value at "${key}" has no JSON representation`);
  return keccak256Hex(`{${JSON.stringify(key)}:${serialised}}`);
}

/** The hashes of every visible leaf of `data`, in flattening order (unsorted). */
export function oaVisibleLeafHashes(data: Record<string, unknown>): string[] {
  const hashes: string[] = [];
  for (const [key, value] of flattenOaData(data)) hashes.push(oaLeafHash(key, value));
  return hashes;
}

/** digestDocument: keccak256(JSON.stringify(sort([...obfuscatedData, ...visibleLeafHashes]))). */
export function oaDigest(visibleLeafHashes: readonly string[], obfuscatedData: readonly string[]): string {
  const combined = [...obfuscatedData, ...visibleLeafHashes];
  combined.sort(compareStrings);
  return keccak256Hex(JSON.stringify(combined));
}

/** lodash `sortBy` identity order for strings: UTF-16 code units, as `<` compares them. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/** combineHashBuffers: keccak256 of the two 32-byte hashes, smaller one first. */
export function combineOaHashes(first: Uint8Array, second: Uint8Array): Uint8Array {
  const [low, high] = compareBytes(first, second) <= 0 ? [first, second] : [second, first];
  const joined = new Uint8Array(low.length + high.length);
  joined.set(low);
  joined.set(high, low.length);
  return keccak_256(joined);
}

/** checkProof: folds the proof steps into the target hash; the result must equal the merkle root. */
export function foldOaProof(targetHash: Uint8Array, proof: readonly Uint8Array[]): Uint8Array {
  let node = targetHash;
  for (const step of proof) node = combineOaHashes(node, step);
  return node;
}
