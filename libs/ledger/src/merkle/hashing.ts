import { sha256 } from './sha256';

/** RFC 9162 §2.1.1 with SHA-256: every tree hash is 32 bytes. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({}) = SHA-256() : the root of the empty tree. */
export function emptyTreeHash(): Uint8Array {
  return sha256();
}

/** MTH({d}) = SHA-256(0x00 || d). The prefixes keep leaves and inner nodes from ever colliding. */
export function hashLeaf(entry: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, entry);
}

/** SHA-256(0x01 || left || right): an inner node over two subtree hashes. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
