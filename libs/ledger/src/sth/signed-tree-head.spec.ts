import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../hex';
import { appendLeafHashes, EMPTY_FRONTIER, frontierRoot } from '../merkle/appender';
import { hashLeaf } from '../merkle/hashing';
import { assembleConsistencyProof, assembleInclusionProof, nodesNeededForConsistency, nodesNeededForInclusion, toNodeHashMap } from '../merkle/proof-plans';
import { createInMemoryNodeStore } from '../merkle/node-store';
import { inclusionProofToJson } from '../merkle/proofs';
import type { VerificationResult } from '../verification-result';
import { generateSigningKeyPair, keyIdOf, parsePublicKey } from './keys';
import { signTreeHead, verifyConsistencyBetweenSths, verifyInclusionAgainstSth, verifySignedTreeHead, type SignedTreeHead } from './signed-tree-head';
import { encodeTreeHeadForSigning } from './tree-head-encoding';

function expectRejected(result: VerificationResult, reason: RegExp): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(reason);
}

const keys = generateSigningKeyPair();
const otherKeys = generateSigningKeyPair();
const entries = Array.from({ length: 10 }, (_, i) => new TextEncoder().encode(`declaration ${i}`));
const store = createInMemoryNodeStore();
const roots: Uint8Array[] = [];
let frontier = EMPTY_FRONTIER;
for (const entry of entries) {
  const result = appendLeafHashes(frontier, [hashLeaf(entry)]);
  store.putNodes(result.newNodes);
  frontier = result.frontier;
  roots[frontier.size] = frontierRoot(frontier);
}
const TIMESTAMP = 1_735_689_600_000; // 2025-01-01T00:00:00Z
const sth = (size: number, privateKey = keys.privateKeyPem) => signTreeHead({ treeSize: size, rootHash: roots[size], timestamp: TIMESTAMP + size }, privateKey);

describe('tree head encoding', () => {
  it('is the 51-byte TLS encoding of RFC 9162 TreeHeadDataV2 without extensions', () => {
    const root = hexToBytes('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    const encoded = encodeTreeHeadForSigning(8, 0x0001020304050607, root);
    expect(encoded).toHaveLength(51);
    expect(bytesToHex(encoded)).toBe(`0001020304050607` + `0000000000000008` + `20` + bytesToHex(root) + `0000`);
    expect(bytesToHex(encodeTreeHeadForSigning(2 ** 53 - 1, 0, root)).slice(16, 32)).toBe('001fffffffffffff');
  });
});

describe('signing keys', () => {
  it('uses the raw 32-byte public key in hex and the SHA-256 of its SPKI DER as key id', () => {
    expect(keys.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.privateKeyPem).toContain('-----BEGIN PRIVATE KEY-----');
    const spki = createPublicKey(keys.privateKeyPem).export({ format: 'der', type: 'spki' });
    expect(bytesToHex(spki.subarray(12))).toBe(keys.publicKey);
    expect(keyIdOf(keys.publicKey)).toBe(keys.keyId);
    expect(keys.keyId).not.toBe(otherKeys.keyId);
  });

  it('accepts the public key as hex, raw bytes or SPKI PEM, all with the same key id', () => {
    const pem = createPublicKey(keys.privateKeyPem).export({ format: 'pem', type: 'spki' }).toString();
    expect(keyIdOf(pem)).toBe(keys.keyId);
    expect(keyIdOf(hexToBytes(keys.publicKey))).toBe(keys.keyId);
    expect(keyIdOf(keys.publicKey.toUpperCase())).toBe(keys.keyId);
  });

  it('rejects keys that are not Ed25519 public keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => parsePublicKey(rsa)).toThrow(/must be Ed25519, got rsa/);
    expect(() => parsePublicKey(keys.publicKey.slice(2))).toThrow(/32 bytes in hex/);
    expect(() => parsePublicKey(new Uint8Array(31))).toThrow(/32 raw bytes, got 31/);
    expect(() => parsePublicKey('-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----')).toThrow(/not a valid Ed25519 key/);
    expect(() => signTreeHead({ treeSize: 1, rootHash: roots[1], timestamp: 0 }, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)).toThrow(/Ed25519 private key/);
  });
});

describe('signed tree heads', () => {
  it('signs and verifies a tree head in its JSON form', () => {
    const head = sth(7);
    expect(head).toEqual({ treeSize: 7, timestamp: TIMESTAMP + 7, rootHash: bytesToHex(roots[7]), keyId: keys.keyId, signature: expect.stringMatching(/^[0-9a-f]{128}$/) });
    expect(verifySignedTreeHead(JSON.parse(JSON.stringify(head)), keys.publicKey)).toEqual({ ok: true });
  });

  it('signs exactly the documented encoding, so other RFC 9162 tooling can check it', () => {
    const head = sth(7);
    const message = encodeTreeHeadForSigning(7, TIMESTAMP + 7, roots[7]);
    expect(verify(null, message, createPublicKey(keys.privateKeyPem), hexToBytes(head.signature))).toBe(true);
  });

  it('rejects a tree head signed by another key', () => {
    expectRejected(verifySignedTreeHead(sth(7, otherKeys.privateKeyPem), keys.publicKey), /signed by another key: key id/);
    const forgedKeyId = { ...sth(7, otherKeys.privateKeyPem), keyId: keys.keyId };
    expectRejected(verifySignedTreeHead(forgedKeyId, keys.publicKey), /signature does not verify/);
  });

  it('rejects a tree head whose timestamp, size or root was altered', () => {
    const head = sth(7);
    expectRejected(verifySignedTreeHead({ ...head, timestamp: head.timestamp + 1 }, keys.publicKey), /signature does not verify/);
    expectRejected(verifySignedTreeHead({ ...head, treeSize: 8, rootHash: bytesToHex(roots[8]) }, keys.publicKey), /signature does not verify/);
    expectRejected(verifySignedTreeHead({ ...head, rootHash: bytesToHex(roots[6]) }, keys.publicKey), /signature does not verify/);
    const flipped = hexToBytes(head.signature);
    flipped[10] ^= 1;
    expectRejected(verifySignedTreeHead({ ...head, signature: bytesToHex(flipped) }, keys.publicKey), /signature does not verify/);
  });

  it('returns reasons instead of throwing on malformed tree heads and keys', () => {
    const head = sth(7);
    const cases: Array<[unknown, unknown, RegExp]> = [
      [null, keys.publicKey, /signed tree head must be an object/],
      [head, 'not a key', /public key must be 32 bytes in hex/],
      [head, 12, /public key must be hex, PEM or bytes, got number/],
      [{ ...head, treeSize: -1 }, keys.publicKey, /tree size must be a non-negative safe integer, got -1/],
      [{ ...head, timestamp: '2025-01-01' }, keys.publicKey, /timestamp must be a non-negative safe integer, got string/],
      [{ ...head, timestamp: 1.5 }, keys.publicKey, /timestamp must be a non-negative safe integer, got 1.5/],
      [{ ...head, rootHash: head.rootHash.slice(2) }, keys.publicKey, /root hash must be a 32-byte hash/],
      [{ ...head, keyId: undefined }, keys.publicKey, /key id must be a hex string, got undefined/],
      [{ ...head, signature: head.signature.slice(2) }, keys.publicKey, /signature must be 64 bytes in hex/],
      [{ ...head, signature: 'zz'.repeat(64) }, keys.publicKey, /signature must be 64 bytes in hex: invalid hex digit/],
    ];
    for (const [badHead, key, reason] of cases) expectRejected(verifySignedTreeHead(badHead as SignedTreeHead, key as string), reason);
  });
});

describe('verifying proofs against signed tree heads in one call', () => {
  const inclusion = (index: number, size: number) => {
    const nodes = nodesNeededForInclusion(index, size);
    return assembleInclusionProof(index, size, toNodeHashMap(nodes, store.getNodes(nodes)));
  };

  it('accepts a genuine inclusion proof against a genuine STH, also in JSON form', () => {
    expect(verifyInclusionAgainstSth(inclusion(3, 9), { entry: entries[3] }, sth(9), keys.publicKey)).toEqual({ ok: true });
    const wire = JSON.parse(JSON.stringify({ proof: inclusionProofToJson(inclusion(3, 9)), sth: sth(9) }));
    expect(verifyInclusionAgainstSth(wire.proof, { entry: entries[3] }, wire.sth, keys.publicKey)).toEqual({ ok: true });
  });

  it('rejects the proof when the STH is not authentic, before looking at the proof', () => {
    expectRejected(verifyInclusionAgainstSth(inclusion(3, 9), { entry: entries[3] }, sth(9, otherKeys.privateKeyPem), keys.publicKey), /^signed tree head: signed by another key/);
    expectRejected(verifyInclusionAgainstSth(inclusion(3, 9), { entry: entries[3] }, { ...sth(9), timestamp: 1 }, keys.publicKey), /^signed tree head: signature does not verify/);
  });

  it('rejects a genuine STH paired with a proof for another size, leaf or entry', () => {
    expectRejected(verifyInclusionAgainstSth(inclusion(3, 8), { entry: entries[3] }, sth(9), keys.publicKey), /proof is for tree size 8 but the tree head has size 9/);
    expectRejected(verifyInclusionAgainstSth(inclusion(3, 9), { entry: entries[4] }, sth(9), keys.publicKey), /root mismatch/);
  });

  it('checks consistency between two signed tree heads', () => {
    const nodes = nodesNeededForConsistency(4, 10);
    const proof = assembleConsistencyProof(4, 10, toNodeHashMap(nodes, store.getNodes(nodes)));
    expect(verifyConsistencyBetweenSths(proof, sth(4), sth(10), keys.publicKey)).toEqual({ ok: true });
    expectRejected(verifyConsistencyBetweenSths(proof, sth(4), sth(10, otherKeys.privateKeyPem), keys.publicKey), /^second signed tree head: signed by another key/);
    const forkedRoot = signTreeHead({ treeSize: 10, rootHash: roots[9], timestamp: TIMESTAMP }, keys.privateKeyPem);
    expectRejected(verifyConsistencyBetweenSths(proof, sth(4), forkedRoot, keys.publicKey), /root mismatch/);
  });
});
