import { createHash } from 'node:crypto';

/**
 * The ledger's only hash primitive. Everything else (leaf, node, empty-tree hashes, key ids)
 * goes through here, so moving to a browser means swapping this one function for a synchronous
 * pure-JS SHA-256 (WebCrypto's digest is async and would ripple through every caller).
 */
export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  const digest = hash.digest();
  // A plain Uint8Array view, not a Buffer, so values behave the same in Node and browsers.
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}
