import { describe, expect, it } from 'vitest';
import { SAMPLE_EPHYTO, sampleCertificate } from '../testing/samples';
import { issueCertificate } from './issue';
import { generateIssuerKeyPair } from './keys';
import { ObfuscationError, obfuscateDocument } from './obfuscate';
import type { CorridorCertificate, JsonObject } from './types';
import { verifyDocumentSync } from './verify';

const keys = generateIssuerKeyPair();
const resolveKey = (_agency: string, keyId: string) => (keyId === keys.keyId ? { publicKey: keys.publicKey, validFrom: '2024-01-01T00:00:00Z' } : undefined);
/** Issues free-form data (validators off) to exercise the disclosure mechanics on tricky shapes. */
const issue = (data: JsonObject) => issueCertificate(sampleCertificate({ type: 'lpco', data }), keys.privateKeyPem, { validateData: false });
const verify = (doc: unknown) => verifyDocumentSync(JSON.parse(JSON.stringify(doc)), resolveKey);

const TRICKY: JsonObject = {
  name: 'Zürich → 東京 🚢',
  'a/b~c': 'pointer escapes',
  list: [{ x: 1, y: [true, null] }, { x: 2 }, 'three', null, [], {}],
  nested: { deeper: { deepest: 'value', sibling: 0 } },
  only: { child: 'alone' },
  emptyObject: {},
  emptyArray: [],
};

describe('obfuscating fields of a Corridor certificate', () => {
  it('hiding a field keeps the document valid, removes the value and its salt, and records its hash', () => {
    const doc = issueCertificate(sampleCertificate(), keys.privateKeyPem);
    const hidden = obfuscateDocument(doc, ['importer.address']);
    expect(verify(hidden).valid).toBe(true);
    expect((hidden.data['importer'] as JsonObject)['address']).toBeUndefined();
    expect(hidden.salts['/importer/address']).toBeUndefined();
    expect(hidden.obfuscated).toHaveLength(1);
    expect(verify(hidden).hiddenLeaves).toBe(1);
    // The original is untouched.
    expect((doc.data['importer'] as JsonObject)['address']).toBe('Koffieweg 5, Rotterdam');
    expect(verify(doc).valid).toBe(true);
  });

  it('accepts dotted, bracketed, data-prefixed and JSON Pointer paths alike', () => {
    const doc = issueCertificate(sampleCertificate(), keys.privateKeyPem);
    const forms = ['goods[0].hsCode', 'goods.0.hsCode', 'data.goods[0].hsCode', '/goods/0/hsCode'];
    const results = forms.map((path) => obfuscateDocument(doc, [path]));
    for (const result of results) {
      expect(verify(result).valid).toBe(true);
      expect(result.obfuscated).toEqual(results[0].obfuscated);
    }
  });

  it('hiding a whole object, a whole array, an array element or a nested array keeps it valid', () => {
    const doc = issue(TRICKY);
    const cases = [['nested'], ['list'], ['list[0]'], ['list[0].y'], ['list[0].y[1]'], ['list[3]'], ['list[4]', 'list[5]'], ['emptyObject', 'emptyArray'], ['/a~1b~0c'], ['name', 'nested.deeper.deepest']];
    for (const paths of cases) {
      const hidden = obfuscateDocument(doc, paths);
      const result = verify(hidden);
      expect(result.valid, `${paths.join(', ')}: ${JSON.stringify(result.checks.integrity)}`).toBe(true);
    }
  });

  it('a hidden array element leaves a null placeholder so the other elements keep their positions', () => {
    const hidden = obfuscateDocument(issue(TRICKY), ['list[1]']);
    expect(hidden.data['list']).toEqual([{ x: 1, y: [true, null] }, null, 'three', null, [], {}]);
    expect(verify(hidden).valid).toBe(true);
  });

  it('an object emptied by hiding all its members disappears (no unsigned {} is left behind)', () => {
    const hidden = obfuscateDocument(issue(TRICKY), ['only.child', 'nested.deeper.deepest', 'nested.deeper.sibling']);
    expect(hidden.data['only']).toBeUndefined();
    expect(hidden.data['nested']).toBeUndefined();
    expect(verify(hidden).valid).toBe(true);
  });

  it('obfuscation can be repeated by each holder along the chain', () => {
    let doc: CorridorCertificate = issueCertificate(sampleCertificate({ type: 'e-phyto', data: SAMPLE_EPHYTO }), keys.privateKeyPem);
    for (const path of ['consignee.address', 'commodities[1]', 'treatments', 'additionalDeclarations[0]', 'commodities[0].quantity']) {
      doc = obfuscateDocument(doc, [path]);
      expect(verify(doc).valid, path).toBe(true);
    }
    expect([...doc.obfuscated].sort()).toEqual(doc.obfuscated);
  });

  it('hiding everything except the envelope still verifies', () => {
    const doc = issueCertificate(sampleCertificate(), keys.privateKeyPem);
    const hidden = obfuscateDocument(doc, Object.keys(doc.data));
    expect(hidden.data).toEqual({});
    expect(hidden.salts).toEqual({});
    expect(verify(hidden).valid).toBe(true);
  });

  it('refuses paths that name nothing disclosed, an already hidden element, or the whole data', () => {
    const doc = issue(TRICKY);
    for (const path of ['missing', 'list[9]', 'list.x', 'name.more', '/', '', 'list[-1]', 'list[01]', 'list.01']) {
      expect(() => obfuscateDocument(doc, [path]), path).toThrow(ObfuscationError);
    }
    const once = obfuscateDocument(doc, ['list[1]']);
    expect(() => obfuscateDocument(once, ['list[1]'])).toThrow(/already hidden/);
    expect(() => obfuscateDocument(doc, ['a..b'])).toThrow(ObfuscationError);
  });

  it('a salted null array element can be hidden; its placeholder then looks the same but verifies as hidden', () => {
    const doc = issue(TRICKY);
    const hidden = obfuscateDocument(doc, ['list[3]']);
    expect(hidden.data['list']).toEqual(doc.data['list']);
    expect(hidden.salts['/list/3']).toBeUndefined();
    expect(verify(hidden).valid).toBe(true);
  });

  it('undoing an obfuscation without the salt is impossible: putting the value back without a salt is INVALID', () => {
    const doc = issueCertificate(sampleCertificate(), keys.privateKeyPem);
    const hidden = obfuscateDocument(doc, ['importer.address']);
    const restored = structuredClone(hidden) as { data: JsonObject };
    (restored.data['importer'] as JsonObject)['address'] = 'Koffieweg 5, Rotterdam';
    expect(verify(restored).valid).toBe(false);
    // With the original salt, and the hash taken out of obfuscated, it is the original document again.
    const full = { ...restored, salts: { ...hidden.salts, '/importer/address': doc.salts['/importer/address'] }, obfuscated: [] };
    expect(verify(full).valid).toBe(true);
  });
});
