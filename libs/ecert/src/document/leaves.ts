import * as nodeCrypto from 'node:crypto';
import { escapePointerSegment, type PathSegment } from './field-paths';
import { ECERT_FORMAT, type CertificateIssuer, type CertificateType } from './types';

/**
 * Salted leaf hashes of certificate data (selective disclosure).
 *
 * `data` is walked depth first. Its leaves are:
 * - value leaves: every string, number, boolean, null and every empty object below the root;
 *   hash = SHA-256(JCS([path, salt, value]));
 * - array leaves: every array (empty or not), committing to its length so that elements cannot
 *   be appended; hash = SHA-256(JCS(["array", path, salt, length])).
 * `path` is the list of segments from the root of `data` (keys as strings, indices as numbers),
 * `salt` 32 lowercase hex digits (128 random bits) and JCS is RFC 8785. Non-empty objects have no
 * leaf of their own: their keys are in their children's paths.
 *
 * For these shapes (arrays of strings, integers and one primitive or `{}`) JSON.stringify gives
 * exactly the RFC 8785 text, so it is used directly on the hot path (a spec checks the equality).
 */

export const SALT_PATTERN = /^[0-9a-f]{32}$/;
export const HASH_PATTERN = /^[0-9a-f]{64}$/;
export const MAX_DATA_DEPTH = 64;

// crypto.hash (Node >= 20.12) is a one-shot digest about three times cheaper than createHash for
// short inputs; @types/node 20 does not declare it yet.
const oneShotHash = (nodeCrypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function sha256Hex(text: string): string {
  return oneShotHash ? oneShotHash('sha256', text, 'hex') : nodeCrypto.createHash('sha256').update(text).digest('hex');
}

export function valueLeafHash(path: readonly PathSegment[], salt: string, value: unknown): string {
  return sha256Hex(JSON.stringify([path, salt, value]));
}

export function arrayLeafHash(path: readonly PathSegment[], salt: string, length: number): string {
  return sha256Hex(JSON.stringify(['array', path, salt, length]));
}

/** One node of `data` that has a leaf (or is a placeholder for a hidden array element). */
export interface DataNode {
  readonly kind: 'value' | 'array' | 'null-element';
  readonly path: readonly PathSegment[];
  readonly pointer: string;
  readonly value: unknown;
}

export class DataShapeError extends Error {}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Calls `visit` for every leaf node of `data`, parents before children, keys in Object.keys
 * order. A null array element is reported as 'null-element' (a salted null, or the placeholder
 * of a hidden element: the caller decides). Throws DataShapeError on values JSON cannot carry.
 */
export function walkData(data: Record<string, unknown>, visit: (node: DataNode) => void): void {
  const path: PathSegment[] = [];
  const step = (value: unknown, pointer: string, inArray: boolean): void => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        visit({ kind: 'value', path: [...path], pointer, value });
        return;
      case 'number':
        if (!Number.isFinite(value)) throw new DataShapeError(`${pointer} is ${value}, which JSON cannot represent`);
        visit({ kind: 'value', path: [...path], pointer, value });
        return;
      case 'object':
        break;
      default:
        throw new DataShapeError(`${pointer} is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which JSON cannot represent`);
    }
    if (value === null) {
      visit({ kind: inArray ? 'null-element' : 'value', path: [...path], pointer, value });
      return;
    }
    if (path.length >= MAX_DATA_DEPTH) throw new DataShapeError(`${pointer} is nested deeper than ${MAX_DATA_DEPTH} levels`);
    if (Array.isArray(value)) {
      visit({ kind: 'array', path: [...path], pointer, value });
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        step(value[i], `${pointer}/${i}`, true);
        path.pop();
      }
      return;
    }
    if (!isPlainObject(value)) throw new DataShapeError(`${pointer} is not plain JSON data`);
    const keys = Object.keys(value);
    if (keys.length === 0) {
      visit({ kind: 'value', path: [...path], pointer, value });
      return;
    }
    for (const key of keys) {
      path.push(key);
      step((value as Record<string, unknown>)[key], `${pointer}/${escapePointerSegment(key)}`, false);
      path.pop();
    }
  };
  for (const key of Object.keys(data)) {
    path.push(key);
    step(data[key], `/${escapePointerSegment(key)}`, false);
    path.pop();
  }
}

/** The hash of one leaf node with its salt. */
export function nodeLeafHash(node: DataNode, salt: string): string {
  return node.kind === 'array' ? arrayLeafHash(node.path, salt, (node.value as unknown[]).length) : valueLeafHash(node.path, salt, node.value);
}

export interface SignedPayloadFields {
  readonly id: string;
  readonly type: CertificateType;
  readonly issuer: CertificateIssuer;
  readonly issuedAt: string;
}

/**
 * The bytes the issuer signs: the RFC 8785 text of
 * {"format", "id", "issuedAt", "issuer": {"agencyId", "keyId"}, "leaves": [sorted leaf hashes], "type"}.
 * Members are written in JCS order (UTF-16 code unit order of the names) by construction.
 */
export function signedPayload(fields: SignedPayloadFields, sortedLeafHashes: readonly string[]): string {
  const { id, type, issuer, issuedAt } = fields;
  return (
    `{"format":${JSON.stringify(ECERT_FORMAT)},"id":${JSON.stringify(id)},"issuedAt":${JSON.stringify(issuedAt)},` +
    `"issuer":{"agencyId":${JSON.stringify(issuer.agencyId)},"keyId":${JSON.stringify(issuer.keyId)}},` +
    `"leaves":${JSON.stringify(sortedLeafHashes)},"type":${JSON.stringify(type)}}`
  );
}

/** proof.digest: SHA-256 of the payload's UTF-8 bytes. The Ed25519 signature is over these 32 bytes. */
export function payloadDigest(payload: string): string {
  return sha256Hex(payload);
}
