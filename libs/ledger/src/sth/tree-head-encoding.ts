import { HASH_SIZE } from '../merkle/hashing';

/**
 * The exact bytes an STH signature covers: the TLS encoding (RFC 8446 §3) of RFC 9162 §4.9
 * TreeHeadDataV2 with no extensions, so any RFC 9162 tooling can check our signatures.
 *
 *   offset  size  field
 *        0     8  timestamp   uint64 big-endian, milliseconds since the Unix epoch
 *        8     8  tree_size   uint64 big-endian
 *       16     1  root_hash length = 32 (NodeHash is opaque<32..2^8-1>)
 *       17    32  root_hash   RFC 9162 MTH of the first tree_size entries
 *       49     2  sth_extensions length = 0 (Extension list <0..2^16-1>)
 *   total 51 bytes
 *
 * Callers must pass safe integers (checked by the signer and verifier before calling).
 */
export const TREE_HEAD_ENCODING_LENGTH = 8 + 8 + 1 + HASH_SIZE + 2;

export function encodeTreeHeadForSigning(treeSize: number, timestamp: number, rootHash: Uint8Array): Uint8Array {
  if (rootHash.length !== HASH_SIZE) throw new RangeError(`root hash must be ${HASH_SIZE} bytes`);
  const bytes = new Uint8Array(TREE_HEAD_ENCODING_LENGTH);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(timestamp));
  view.setBigUint64(8, BigInt(treeSize));
  view.setUint8(16, HASH_SIZE);
  bytes.set(rootHash, 17);
  view.setUint16(17 + HASH_SIZE, 0);
  return bytes;
}
