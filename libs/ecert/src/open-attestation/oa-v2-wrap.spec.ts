import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyOpenAttestationV2 } from './oa-v2-verify';

/*
 * A small OpenAttestation v2 wrapper written independently of the verifier, following the
 * reference code step by step (src/2.0/salt.ts, src/2.0/digest.ts, src/2.0/wrap.ts,
 * src/2.0/obfuscate.ts, src/shared/merkle/merkle.ts, src/shared/utils/utils.ts, flatley):
 * documents it produces must verify, and obfuscating fields must keep them valid.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
interface Wrapped {
  version: string;
  data: JsonObject;
  signature: { type: 'SHA3MerkleProof'; targetHash: string; proof: string[]; merkleRoot: string };
  privacy?: { obfuscatedData: string[] };
}

const keccak = (input: string | Uint8Array): string => bytesToHex(keccak_256(input));

// salt.ts: deepMap + uuidSalt ("uuid:type:value", null -> "null:null").
function saltData(value: Json): Json {
  if (Array.isArray(value)) return value.map(saltData);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, saltData(v)]));
  const typed = value === null ? 'null:null' : `${typeof value}:${String(value)}`;
  return `${randomUUID()}:${typed}`;
}

// flatley: walk non-empty objects/arrays, join keys with ".", empty containers are leaves.
function flatten(value: JsonObject | Json[], prev = '', out: Record<string, Json> = {}): Record<string, Json> {
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, Json>)[key];
    const newKey = prev ? `${prev}.${key}` : key;
    if (child !== null && typeof child === 'object' && Object.keys(child).length > 0) flatten(child, newKey, out);
    else out[newKey] = child;
  }
  return out;
}

// digest.ts
function digestDocument(data: JsonObject, obfuscatedData: string[]): string {
  const visible = Object.entries(flatten(data)).map(([k, v]) => keccak(JSON.stringify({ [k]: v })));
  return keccak(JSON.stringify([...obfuscatedData, ...visible].sort()));
}

// utils.ts combineHashBuffers + merkle.ts MerkleTree
function combine(a: Uint8Array, b?: Uint8Array): Uint8Array {
  if (!b) return a;
  const [x, y] = Buffer.compare(Buffer.from(a), Buffer.from(b)) <= 0 ? [a, b] : [b, a];
  return keccak_256(Buffer.concat([x, y]));
}
function merkleTree(targetHashes: string[]): { root: string; proofOf: (hash: string) => string[] } {
  const elements = targetHashes.map((h) => hexToBytes(h)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const layers: Uint8Array[][] = [elements];
  while (layers[layers.length - 1].length > 1) {
    const layer = layers[layers.length - 1];
    const next: Uint8Array[] = [];
    for (let i = 0; i < layer.length; i += 2) next.push(combine(layer[i], layer[i + 1]));
    layers.push(next);
  }
  return {
    root: bytesToHex(layers[layers.length - 1][0]),
    proofOf(hash) {
      let index = elements.findIndex((e) => bytesToHex(e) === hash);
      const proof: string[] = [];
      for (const layer of layers) {
        const pair = index % 2 ? index - 1 : index + 1;
        if (pair < layer.length) proof.push(bytesToHex(layer[pair]));
        index = Math.floor(index / 2);
      }
      return proof;
    },
  };
}

// wrap.ts wrapDocuments
function wrapDocuments(raws: JsonObject[]): Wrapped[] {
  const docs = raws.map((raw) => {
    const data = saltData(raw) as JsonObject;
    const targetHash = digestDocument(data, []);
    return { version: 'https://schema.openattestation.com/2.0/schema.json', data, targetHash };
  });
  const tree = merkleTree(docs.map((d) => d.targetHash));
  return docs.map(({ version, data, targetHash }) => ({
    version,
    data,
    signature: { type: 'SHA3MerkleProof', targetHash, proof: tree.proofOf(targetHash), merkleRoot: tree.root },
  }));
}

// obfuscate.ts obfuscateDocument: pick(data, path) flattened and hashed, then unset(data, path).
function obfuscate(document: Wrapped, paths: string[]): Wrapped {
  const doc = structuredClone(document);
  const hashes: string[] = [];
  for (const path of paths) {
    const segments = path.split('.');
    let parent: Record<string, Json> = doc.data;
    for (const segment of segments.slice(0, -1)) parent = parent[segment] as Record<string, Json>;
    const last = segments[segments.length - 1];
    const value = parent[last];
    const picked = value !== null && typeof value === 'object' && Object.keys(value).length > 0 ? flatten(value, path) : { [path]: value };
    for (const [k, v] of Object.entries(picked)) hashes.push(keccak(JSON.stringify({ [k]: v })));
    delete parent[last];
  }
  return { ...doc, privacy: { obfuscatedData: [...(doc.privacy?.obfuscatedData ?? []), ...hashes] } };
}

const TRICKY: JsonObject[] = [
  {
    id: 'unicode-1',
    name: 'Zürich → 東京 🚢 "quoted" \\ back\\slash \u2028 line-sep',
    'key with spaces': 'value: with: colons',
    'ключ': 'значение',
    '': 'empty key',
    emoji: '👩🏽‍🚀',
    issuers: [{ name: 'Issuer', documentStore: '0x0000000000000000000000000000000000000001', identityProof: { type: 'DNS-TXT', location: 'example.com' } }],
  },
  {
    id: 'numbers',
    zero: 0,
    negative: -1.5,
    big: 1e21,
    small: 1e-7,
    max: Number.MAX_SAFE_INTEGER,
    booleans: [true, false],
    nothing: null,
    nulls: [null, null],
  },
  {
    id: 'shapes',
    emptyObject: {},
    emptyArray: [],
    nested: [[1, [2, [3, []]]], [{}], [{ a: [] }]],
    deep: { a: { b: { c: { d: { e: 'deep' } } } } },
    mixed: [{ x: 1 }, 'two', [3], null, true, {}],
    emptyString: '',
  },
  { id: 'minimal' },
  {},
  { id: 'goods', goods: Array.from({ length: 50 }, (_, i) => ({ line: i + 1, hsCode: '0901.11', quantity: { value: i * 1.25, unit: 'KGM' }, marks: i % 2 ? null : ['A', 'B'] })) },
  { id: 'seventh', recipient: { name: 'Ada', address: { street: '1 Main St', country: 'SG' } } },
];

describe('wrap-your-own OpenAttestation v2 documents', () => {
  it.each([1, 2, 3, 5, 7])('a batch of %i documents with tricky data all verify', (count) => {
    const batch = wrapDocuments(TRICKY.slice(0, count));
    for (const doc of batch) {
      const result = verifyOpenAttestationV2(JSON.parse(JSON.stringify(doc)));
      expect(result.integrity, result.reason).toBe('VALID');
      expect(result.merkleRoot).toBe(batch[0].signature.merkleRoot);
      if (count > 1) expect(result.proofLength).toBeGreaterThan(0);
    }
  });

  it('salting covers null, booleans and numbers with their type', () => {
    const [doc] = wrapDocuments([TRICKY[1]]);
    expect(doc.data['nothing']).toMatch(/^[0-9a-f-]{36}:null:null$/);
    expect(doc.data['big']).toMatch(/:number:1e\+21$/);
    expect((doc.data['booleans'] as string[])[1]).toMatch(/:boolean:false$/);
    // An empty object or array is not salted: it stays as it is and is a leaf of its own.
    const [shapes] = wrapDocuments([TRICKY[2]]);
    expect(shapes.data['emptyObject']).toEqual({});
    expect(shapes.data['emptyArray']).toEqual([]);
  });

  it('a proof from another document of the same batch does not verify', () => {
    const [a, b] = wrapDocuments(TRICKY.slice(0, 3));
    const swapped = { ...a, signature: { ...a.signature, proof: b.signature.proof } };
    expect(verifyOpenAttestationV2(swapped).integrity).toBe('INVALID');
    const otherTarget = { ...a, signature: { ...a.signature, targetHash: b.signature.targetHash, proof: b.signature.proof } };
    expect(verifyOpenAttestationV2(otherTarget).integrity).toBe('INVALID');
  });

  it('removing an empty object or empty array, or replacing it by the other kind, is INVALID', () => {
    const [doc] = wrapDocuments([TRICKY[2]]);
    const variants = [
      (d: Wrapped) => delete d.data['emptyObject'],
      (d: Wrapped) => (d.data['emptyObject'] = []),
      (d: Wrapped) => (d.data['emptyArray'] = {}),
      (d: Wrapped) => ((d.data['nested'] as Json[][])[1] = []),
      (d: Wrapped) => (d.data['added'] = {}),
    ];
    for (const change of variants) {
      const copy = structuredClone(doc);
      change(copy);
      expect(verifyOpenAttestationV2(copy).integrity).toBe('INVALID');
    }
  });

  it('obfuscating fields (leaves, whole subtrees, unicode keys, nulls, empty containers) keeps documents valid', () => {
    const batch = wrapDocuments(TRICKY);
    const cases: [number, string[]][] = [
      [0, ['name']],
      [0, ['ключ', 'emoji', '']],
      [0, ['issuers.0.identityProof']],
      [1, ['nothing', 'big', 'booleans']],
      [2, ['emptyObject', 'emptyArray', 'nested', 'deep']],
      [5, ['goods.3.quantity', 'goods.4.marks']],
      [6, ['recipient']],
    ];
    for (const [index, paths] of cases) {
      const once = obfuscate(batch[index], paths);
      const result = verifyOpenAttestationV2(JSON.parse(JSON.stringify(once)));
      expect(result.integrity, `${index} ${paths.join(',')}: ${result.reason}`).toBe('VALID');
      expect(result.obfuscatedFields).toBeGreaterThan(0);
      // Obfuscating again on top of an obfuscated document keeps it valid too.
      const twice = obfuscate(once, ['id']);
      expect(verifyOpenAttestationV2(twice).integrity).toBe('VALID');
    }
  });

  it('after obfuscation, altering, adding or dropping an obfuscatedData entry is INVALID', () => {
    const doc = obfuscate(wrapDocuments([TRICKY[6]])[0], ['recipient.address.street', 'id']);
    const hashes = doc.privacy?.obfuscatedData ?? [];
    const variants = [
      [hashes[0].replace(/^./, (c) => (c === '0' ? '1' : '0')), ...hashes.slice(1)],
      [...hashes, keccak('{"extra":"x"}')],
      hashes.slice(1),
      [...hashes, hashes[0]],
    ];
    for (const obfuscatedData of variants) {
      expect(verifyOpenAttestationV2({ ...doc, privacy: { obfuscatedData } }).integrity).toBe('INVALID');
    }
  });

  it('hiding every field of an object leaves {} behind, which the reference digests as a new leaf: INVALID there and here', () => {
    const doc = obfuscate(wrapDocuments([TRICKY[6]])[0], ['recipient.address.street', 'recipient.address.country']);
    expect(doc.data['recipient']).toEqual({ name: expect.any(String), address: {} });
    expect(verifyOpenAttestationV2(doc).integrity).toBe('INVALID');
  });
});
