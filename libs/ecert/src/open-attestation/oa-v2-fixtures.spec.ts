import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeOpenAttestationV2, verifyOpenAttestationV2 } from './oa-v2-verify';
import { keccak256Hex } from './oa-v2-hashing';

const FIXTURES = '/work/shared/fixtures/openattestation';
const EXPECTED: Record<string, 'VALID' | 'INVALID'> = {
  'valid-chafta-coo.tradetrust.json': 'VALID',
  'valid-obfuscated-invoice.tradetrust.json': 'VALID',
  'valid-batched-proof2.oa-cli.json': 'VALID',
  'tampered-did-invalid.oa-cli.json': 'INVALID',
};
const VALID_FIXTURES = Object.keys(EXPECTED).filter((name) => EXPECTED[name] === 'VALID');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { [key: string]: Json };

function load(name: string): Doc {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Doc;
}
const clone = <T>(value: T): T => structuredClone(value);

/** Every salted leaf of `data` as [path segments, value]. */
function leaves(value: Json, path: (string | number)[] = []): [(string | number)[], Json][] {
  if (Array.isArray(value)) return value.length === 0 ? [[path, value]] : value.flatMap((item, i) => leaves(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 0 ? [[path, value]] : keys.flatMap((key) => leaves(value[key], [...path, key]));
  }
  return [[path, value]];
}

function setAt(root: Json, path: (string | number)[], value: Json): void {
  let node = root as Record<string | number, Json>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, Json>;
  node[path[path.length - 1]] = value;
}

function deleteAt(root: Json, path: (string | number)[]): void {
  let node = root as Record<string | number, Json>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
}

/** Replaces one character (at `index`, negative from the end) by another one of the same kind. */
function flipChar(text: string, index: number): string {
  const i = index < 0 ? text.length + index : index;
  const c = text[i];
  const replacement = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : /[a-f]/.test(c) ? (c === 'f' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1)) : c === 'x' ? 'y' : 'x';
  return text.slice(0, i) + replacement + text.slice(i + 1);
}

describe('OpenAttestation v2 fixtures', () => {
  it.each(Object.entries(EXPECTED))('%s is %s as the fixture README states', (name, verdict) => {
    const result = verifyOpenAttestationV2(load(name));
    expect(result.recognised).toBe(true);
    expect(result.integrity, result.reason).toBe(verdict);
    expect(result.version).toBe('https://schema.openattestation.com/2.0/schema.json');
    expect(result.status).toBe('SKIPPED');
    expect(result.identity).toBe('SKIPPED');
    expect(looksLikeOpenAttestationV2(load(name))).toBe(true);
  });

  it('covers every fixture in the folder', () => {
    expect(readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('the tampered DID document fails on its targetHash, not on its proof', () => {
    const result = verifyOpenAttestationV2(load('tampered-did-invalid.oa-cli.json'));
    expect(result.reason).toMatch(/targetHash does not match/);
    // Restoring the original key (0x6813... as in issuers[0].id) makes it verify again.
    const doc = load('tampered-did-invalid.oa-cli.json');
    const issuer = (doc['data'] as Doc)['issuers'] as Doc[];
    const identityProof = issuer[0]['identityProof'] as Doc;
    identityProof['key'] = (identityProof['key'] as string).replace('0x6913', '0x6813');
    expect(verifyOpenAttestationV2(doc).integrity).toBe('VALID');
  });

  it('the obfuscated invoice really carries a hidden field and the batch really has two proof steps', () => {
    const invoice = verifyOpenAttestationV2(load('valid-obfuscated-invoice.tradetrust.json'));
    expect(invoice.obfuscatedFields).toBe(1);
    const batched = verifyOpenAttestationV2(load('valid-batched-proof2.oa-cli.json'));
    expect(batched.proofLength).toBe(2);
    expect(batched.merkleRoot).not.toBe(batched.targetHash);
  });

  it('uses keccak-256, not NIST SHA3-256', () => {
    expect(keccak256Hex('')).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  });
});

describe.each(VALID_FIXTURES)('tampering with %s', (name) => {
  const original = load(name);
  const data = original['data'] as Doc;
  const allLeaves = leaves(data);

  it('starts out VALID', () => {
    expect(verifyOpenAttestationV2(original).integrity).toBe('VALID');
  });

  it('changing the last character of any leaf value is INVALID', () => {
    for (const [path, value] of allLeaves) {
      const doc = clone(original);
      setAt(doc['data'], path, typeof value === 'string' ? flipChar(value, -1) : 'x');
      expect(verifyOpenAttestationV2(doc).integrity, path.join('.')).toBe('INVALID');
    }
  });

  it('changing one character of any salt is INVALID', () => {
    for (const [path, value] of allLeaves) {
      if (typeof value !== 'string') continue;
      for (const position of [0, 35]) {
        const doc = clone(original);
        setAt(doc['data'], path, flipChar(value, position));
        expect(verifyOpenAttestationV2(doc).integrity, `${path.join('.')} @${position}`).toBe('INVALID');
      }
    }
  });

  it('changing the type prefix of any leaf is INVALID', () => {
    for (const [path, value] of allLeaves) {
      if (typeof value !== 'string') continue;
      const [salt, type, ...rest] = value.split(':');
      const other = type === 'string' ? 'number' : 'string';
      const doc = clone(original);
      setAt(doc['data'], path, [salt, other, ...rest].join(':'));
      expect(verifyOpenAttestationV2(doc).integrity, path.join('.')).toBe('INVALID');
    }
  });

  it('removing any leaf, or adding a salted field anywhere, is INVALID', () => {
    for (const [path] of allLeaves) {
      const removed = clone(original);
      deleteAt(removed['data'], path);
      expect(verifyOpenAttestationV2(removed).integrity, `removed ${path.join('.')}`).toBe('INVALID');
    }
    for (const [path] of allLeaves.slice(0, 20)) {
      const added = clone(original);
      const parentPath = path.slice(0, -1);
      let parent = added['data'] as Json;
      for (const segment of parentPath) parent = (parent as Record<string | number, Json>)[segment];
      if (Array.isArray(parent)) parent.push('3c8b9a1e-7b0e-4c55-9a39-8f0c1bd0f001:string:extra');
      else (parent as Doc)['extra'] = '3c8b9a1e-7b0e-4c55-9a39-8f0c1bd0f001:string:extra';
      expect(verifyOpenAttestationV2(added).integrity, `added next to ${path.join('.')}`).toBe('INVALID');
    }
  });

  it('changing any character of targetHash, merkleRoot or a proof element is INVALID', () => {
    const signature = original['signature'] as Doc;
    const fields: [string, number | undefined][] = [['targetHash', undefined], ['merkleRoot', undefined]];
    (signature['proof'] as string[]).forEach((_, i) => fields.push(['proof', i]));
    for (const [field, index] of fields) {
      const value = index === undefined ? (signature[field] as string) : (signature['proof'] as string[])[index];
      for (let position = 0; position < 64; position += 7) {
        const doc = clone(original);
        const sig = doc['signature'] as Doc;
        if (index === undefined) sig[field] = flipChar(value, position);
        else (sig['proof'] as string[])[index] = flipChar(value, position);
        expect(verifyOpenAttestationV2(doc).integrity, `${field}${index ?? ''} @${position}`).toBe('INVALID');
      }
    }
  });

  it('adding, removing, reordering or duplicating proof elements is INVALID', () => {
    const proof = (original['signature'] as Doc)['proof'] as string[];
    const variants: string[][] = [[...proof, proof[0] ?? 'ab'.repeat(32)], ['00'.repeat(32), ...proof]];
    if (proof.length > 0) variants.push(proof.slice(1));
    if (proof.length > 1) variants.push([...proof].reverse());
    for (const variant of variants) {
      const doc = clone(original);
      (doc['signature'] as Doc)['proof'] = variant;
      expect(verifyOpenAttestationV2(doc).integrity, JSON.stringify(variant)).toBe('INVALID');
    }
  });

  it('adding, altering or removing privacy.obfuscatedData entries is INVALID', () => {
    const existing = ((original['privacy'] as Doc | undefined)?.['obfuscatedData'] as string[] | undefined) ?? [];
    const added = clone(original);
    added['privacy'] = { obfuscatedData: [...existing, keccak256Hex('{"extra":"x"}')] };
    expect(verifyOpenAttestationV2(added).integrity).toBe('INVALID');
    existing.forEach((hash, i) => {
      const altered = clone(original);
      ((altered['privacy'] as Doc)['obfuscatedData'] as string[])[i] = flipChar(hash, 10);
      expect(verifyOpenAttestationV2(altered).integrity).toBe('INVALID');
      const upper = clone(original);
      ((upper['privacy'] as Doc)['obfuscatedData'] as string[])[i] = hash.toUpperCase();
      expect(verifyOpenAttestationV2(upper).integrity).toBe('INVALID');
      const removed = clone(original);
      ((removed['privacy'] as Doc)['obfuscatedData'] as string[]).splice(i, 1);
      expect(verifyOpenAttestationV2(removed).integrity).toBe('INVALID');
    });
  });

  it('hiding any single field properly (hash moved to privacy.obfuscatedData) keeps it VALID', () => {
    const flatKey = (path: (string | number)[]) => path.join('.');
    for (const [path, value] of allLeaves) {
      const parentPath = path.slice(0, -1);
      let parent = original['data'] as Json;
      for (const segment of parentPath) parent = (parent as Record<string | number, Json>)[segment];
      // Removing an array element would renumber its siblings, and emptying an object turns it into
      // a leaf of its own: the reference obfuscation has the same limits, so skip those cases.
      if (Array.isArray(parent) || (parentPath.length > 0 && Object.keys(parent as Doc).length === 1)) continue;
      const doc = clone(original);
      deleteAt(doc['data'], path);
      const existing = ((doc['privacy'] as Doc | undefined)?.['obfuscatedData'] as string[] | undefined) ?? [];
      doc['privacy'] = { obfuscatedData: [...existing, keccak256Hex(JSON.stringify({ [flatKey(path)]: value }))] };
      expect(verifyOpenAttestationV2(doc).integrity, flatKey(path)).toBe('VALID');
    }
  });

  it('changing signature.type, or giving non-hex or 0x-prefixed hashes, is INVALID with a reason', () => {
    const signature = original['signature'] as Doc;
    const variants: Doc[] = [
      { ...signature, type: 'SHA256MerkleProof' },
      { ...signature, targetHash: `0x${signature['targetHash'] as string}` },
      { ...signature, merkleRoot: 'zz'.repeat(32) },
      { ...signature, proof: 'not-an-array' },
      { ...signature, proof: [42] },
      { ...signature, targetHash: (signature['targetHash'] as string).toUpperCase() },
    ];
    for (const sig of variants) {
      const result = verifyOpenAttestationV2({ ...clone(original), signature: sig });
      expect(result.integrity).toBe('INVALID');
      expect(result.recognised).toBe(true);
      expect(result.reason.length).toBeGreaterThan(10);
    }
  });

  it('an uppercase merkleRoot or proof still verifies, as Buffer.from(hex) in the reference accepts it', () => {
    const doc = clone(original);
    const sig = doc['signature'] as Doc;
    sig['merkleRoot'] = (sig['merkleRoot'] as string).toUpperCase();
    sig['proof'] = (sig['proof'] as string[]).map((step) => step.toUpperCase());
    expect(verifyOpenAttestationV2(doc).integrity).toBe('VALID');
  });
});
