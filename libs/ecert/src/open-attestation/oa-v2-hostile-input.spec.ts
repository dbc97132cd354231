import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeOpenAttestationV2, verifyOpenAttestationV2 } from './oa-v2-verify';
import { keccak256Hex, oaDigest } from './oa-v2-hashing';

const V2 = 'https://schema.openattestation.com/2.0/schema.json';
const batched = JSON.parse(readFileSync('/work/shared/fixtures/openattestation/valid-batched-proof2.oa-cli.json', 'utf8'));

/** A document wrapped by hand around raw (already "salted") data with an empty proof. */
function wrapRaw(data: Record<string, unknown>): Record<string, unknown> {
  const leaves = Object.entries(data).map(([k, v]) => keccak256Hex(JSON.stringify({ [k]: v })));
  const targetHash = oaDigest(leaves, []);
  return { version: V2, data, signature: { type: 'SHA3MerkleProof', targetHash, proof: [], merkleRoot: targetHash } };
}

describe('verifyOpenAttestationV2 on hostile input', () => {
  it.each([null, undefined, 42, 'text', true, [], [batched]])('%j is not recognised as an OpenAttestation v2 document', (input) => {
    const result = verifyOpenAttestationV2(input);
    expect(result.recognised).toBe(false);
    expect(result.integrity).toBe('INVALID');
    expect(looksLikeOpenAttestationV2(input)).toBe(false);
  });

  it('objects without a data object, and unwrapped data without a version, are not recognised', () => {
    for (const input of [{}, { data: 'x' }, { data: [] }, { data: {} }, { signature: batched.signature }, { '@context': [], credentialSubject: {}, proof: {} }]) {
      const result = verifyOpenAttestationV2(input);
      expect(result.recognised, JSON.stringify(input)).toBe(false);
      expect(looksLikeOpenAttestationV2(input)).toBe(false);
    }
  });

  it('a v2 document without a signature is recognised but INVALID (not wrapped)', () => {
    const result = verifyOpenAttestationV2({ version: V2, data: batched.data });
    expect(result).toMatchObject({ recognised: true, integrity: 'INVALID' });
    expect(result.reason).toMatch(/not wrapped/);
  });

  it.each([
    ['signature is null', { signature: null }],
    ['signature is a string', { signature: 'abc' }],
    ['proof is an object', { signature: { ...batched.signature, proof: { 0: 'a' } } }],
    ['proof is missing', { signature: { ...batched.signature, proof: undefined } }],
    ['proof has a number', { signature: { ...batched.signature, proof: [1, 2] } }],
    ['proof is absurdly long', { signature: { ...batched.signature, proof: Array(100_000).fill(batched.signature.proof[0]) } }],
    ['targetHash is a number', { signature: { ...batched.signature, targetHash: 12 } }],
    ['targetHash is short', { signature: { ...batched.signature, targetHash: 'abcd' } }],
    ['merkleRoot missing', { signature: { ...batched.signature, merkleRoot: undefined } }],
    ['type missing', { signature: { ...batched.signature, type: undefined } }],
    ['privacy is a string', { privacy: 'x' }],
    ['obfuscatedData is an object', { privacy: { obfuscatedData: {} } }],
    ['obfuscatedData holds numbers', { privacy: { obfuscatedData: [1] } }],
    ['obfuscatedData holds null', { privacy: { obfuscatedData: [null] } }],
  ])('%s: INVALID with a reason, no throw', (_, change) => {
    const result = verifyOpenAttestationV2({ ...batched, ...change });
    expect(result.recognised).toBe(true);
    expect(result.integrity).toBe('INVALID');
    expect(result.reason).not.toBe('');
    expect(() => JSON.stringify(result)).not.toThrow();
  });

  it('privacy: null and an empty obfuscatedData list are the same as no privacy (as lodash get does)', () => {
    expect(verifyOpenAttestationV2({ ...batched, privacy: null }).integrity).toBe('VALID');
    expect(verifyOpenAttestationV2({ ...batched, privacy: {} }).integrity).toBe('VALID');
    expect(verifyOpenAttestationV2({ ...batched, privacy: { obfuscatedData: [] } }).integrity).toBe('VALID');
  });

  it('a key containing "." is refused, as the reference flatten throws on it', () => {
    const result = verifyOpenAttestationV2(wrapRaw({ 'a.b': 'x' }));
    expect(result.integrity).toBe('INVALID');
    expect(result.reason).toMatch(/contains "\."/);
  });

  it('top-level keys the reference silently leaves out of the digest are refused', () => {
    for (const key of ['constructor', 'prototype']) {
      const result = verifyOpenAttestationV2(wrapRaw({ id: 'x', [key]: 'y' }));
      expect(result.integrity).toBe('INVALID');
      expect(result.reason).toMatch(/not covered/);
    }
    const proto = JSON.parse(`{"version":"${V2}","data":{"__proto__":"x"},"signature":${JSON.stringify(batched.signature)}}`);
    expect(verifyOpenAttestationV2(proto).integrity).toBe('INVALID');
  });

  it('raw unsalted values are digested as they are (the reference does not look at salts)', () => {
    expect(verifyOpenAttestationV2(wrapRaw({ a: 1, b: null, c: true, d: 'x', e: {}, f: [] })).integrity).toBe('VALID');
  });

  it('absurdly deep nesting is INVALID, not a stack overflow', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = verifyOpenAttestationV2({ ...batched, data: { deep } });
    expect(result.integrity).toBe('INVALID');
    expect(result.reason).toMatch(/nested deeper/);
  });

  it('a throwing getter or proxy becomes INVALID, never an exception', () => {
    const data = { get boom(): string { throw new Error('getter exploded'); } };
    expect(verifyOpenAttestationV2({ ...batched, data }).integrity).toBe('INVALID');
    const proxy = new Proxy({}, { ownKeys() { throw new Error('no keys'); }, get() { throw new Error('no get'); } });
    expect(verifyOpenAttestationV2(proxy).integrity).toBe('INVALID');
    expect(looksLikeOpenAttestationV2(proxy)).toBe(false);
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expect(verifyOpenAttestationV2(revocable.proxy)).toMatchObject({ integrity: 'INVALID', recognised: false });
  });

  it('a document with 100,000 fields verifies in reasonable time', () => {
    const data: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) data[`f${i}`] = `00000000-0000-4000-8000-000000000000:number:${i}`;
    const doc = wrapRaw(data);
    const started = performance.now();
    expect(verifyOpenAttestationV2(doc).integrity).toBe('VALID');
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
