import { describeType, isBytes, parseHex } from './hex';
import { HASH_SIZE } from './merkle/hashing';
import { isTreeSize } from './merkle/subtrees';

/**
 * What every verifier returns. Verifiers never throw: whatever arrives from the network (wrong
 * types, negative or fractional or huge numbers, bad hex) becomes `ok: false` with a reason a
 * human can act on.
 */
export type VerificationResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** A hash as bytes or as hex (the JSON wire form). */
export type HashLike = Uint8Array | string;

export const VERIFIED: VerificationResult = Object.freeze({ ok: true });

export function failure(reason: string): VerificationResult {
  return { ok: false, reason };
}

/** Last line of defence for hostile objects (throwing getters, proxies): a throw becomes a failure. */
export function neverThrow(verify: () => VerificationResult): VerificationResult {
  try {
    return verify();
  } catch (error) {
    return failure(`malformed input: ${error instanceof Error ? error.message : 'unreadable value'}`);
  }
}

/** Intermediate result of reading one untrusted field. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readSize(value: unknown, what: string): Read<number> {
  if (isTreeSize(value)) return { ok: true, value };
  const shown = typeof value === 'number' ? String(value) : describeType(value);
  return { ok: false, reason: `${what} must be a non-negative safe integer, got ${shown}` };
}

export function readHash(value: unknown, what: string): Read<Uint8Array> {
  if (isBytes(value)) {
    if (value.length === HASH_SIZE) return { ok: true, value };
    return { ok: false, reason: `${what} must be a ${HASH_SIZE}-byte hash, got ${value.length} bytes` };
  }
  if (typeof value === 'string') {
    const parsed = parseHex(value, HASH_SIZE);
    return parsed.ok ? { ok: true, value: parsed.bytes } : { ok: false, reason: `${what} must be a ${HASH_SIZE}-byte hash: ${parsed.reason}` };
  }
  return { ok: false, reason: `${what} must be a ${HASH_SIZE}-byte hash (bytes or hex), got ${describeType(value)}` };
}

/** Reads a hash list, checking its length first so a hostile million-element array costs nothing. */
export function readHashList(value: unknown, what: string, expectedLength: number, why: string): Read<Uint8Array[]> {
  if (!Array.isArray(value)) return { ok: false, reason: `${what} must be an array of hashes, got ${describeType(value)}` };
  if (value.length !== expectedLength) {
    return { ok: false, reason: `${what} has ${value.length} hashes but ${why} needs ${expectedLength}` };
  }
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < value.length; i++) {
    const hash = readHash(value[i], `${what}[${i}]`);
    if (!hash.ok) return hash;
    hashes.push(hash.value);
  }
  return { ok: true, value: hashes };
}
