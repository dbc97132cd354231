import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { SAMPLE_ECOO, SAMPLE_EPHYTO, SAMPLE_LPCO, sampleCertificate } from '../testing/samples';
import { CertificateValidationError } from '../validation/field-errors';
import { canonicalJson } from './canonical-json';
import { issueCertificate } from './issue';
import { generateIssuerKeyPair, keyIdOf, parsePrivateKey } from './keys';
import { arrayLeafHash, signedPayload, valueLeafHash } from './leaves';
import type { IssuerKeyRecord } from './resolvers';
import type { CorridorCertificate, JsonObject } from './types';
import { verifyDocument, verifyDocumentSync } from './verify';

const keys = generateIssuerKeyPair();
const registry = (record: Partial<IssuerKeyRecord> = {}) => (agencyId: string, keyId: string): IssuerKeyRecord | undefined =>
  agencyId === 'KE-KRA' && keyId === keys.keyId ? { publicKey: keys.publicKey, validFrom: '2024-01-01T00:00:00Z', validTo: null, ...record } : undefined;

describe('issuing and verifying Corridor certificates', () => {
  it.each([
    ['e-coo', SAMPLE_ECOO],
    ['e-phyto', SAMPLE_EPHYTO],
    ['lpco', SAMPLE_LPCO],
  ] as const)('a freshly issued %s verifies, with revocation and ledger SKIPPED at this level', (type, data) => {
    const doc = issueCertificate(sampleCertificate({ type, data }), keys.privateKeyPem);
    const result = verifyDocumentSync(JSON.parse(JSON.stringify(doc)), registry());
    expect(result.valid, JSON.stringify(result.checks)).toBe(true);
    expect(result.checks.integrity.status).toBe('VALID');
    expect(result.checks.signature.status).toBe('VALID');
    expect(result.checks.issuer.status).toBe('VALID');
    expect(result.checks.revocation.status).toBe('SKIPPED');
    expect(result.checks.ledger.status).toBe('SKIPPED');
    expect(result.hiddenLeaves).toBe(0);
  });

  it('produces the documented format', () => {
    const doc = issueCertificate(sampleCertificate(), keys.privateKeyPem);
    expect(Object.keys(doc).sort()).toEqual(['data', 'format', 'id', 'issuedAt', 'issuer', 'obfuscated', 'proof', 'salts', 'type']);
    expect(doc.format).toBe('corridor-ecert/1');
    expect(doc.issuer).toEqual({ agencyId: 'KE-KRA', keyId: keys.keyId });
    expect(doc.data).toEqual(SAMPLE_ECOO);
    expect(doc.proof.type).toBe('Ed25519');
    expect(doc.proof.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.proof.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    // One salt per leaf: 6 party fields + 2 countries + preferential + fta + the goods array + 2 x 6 goods leaves + 2 invoice fields.
    expect(Object.keys(doc.salts)).toContain('/goods/0/hsCode');
    expect(Object.keys(doc.salts)).toContain('/goods');
    expect(Object.keys(doc.salts)).toHaveLength(25);
    for (const salt of Object.values(doc.salts)) expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(Object.values(doc.salts)).size).toBe(25);
  });

  it('the signed payload is the RFC 8785 text of the envelope and the sorted leaf hashes', () => {
    const fields = { id: 'X-1', type: 'lpco' as const, issuer: { agencyId: 'Agency "Ω"', keyId: '0123456789abcdef' }, issuedAt: '2025-01-01T00:00:00Z' };
    const leaves = ['aa'.repeat(32), 'bb'.repeat(32)];
    expect(signedPayload(fields, leaves)).toBe(canonicalize({ format: 'corridor-ecert/1', ...fields, leaves }));
  });

  it('leaf hashes use exactly the RFC 8785 text of [path, salt, value]', () => {
    const salt = '0123456789abcdef0123456789abcdef';
    const values = ['Zürich 東京 🚢', '\u2028"\\', 1e21, 1e-7, -0, 0.1 + 0.2, 123456789012, true, null, {}];
    for (const value of values) {
      const path = ['goods', 0, 'ключ', '/~weird'];
      expect(JSON.stringify([path, salt, value])).toBe(canonicalize([path, salt, value]));
      expect(valueLeafHash(path, salt, value)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.stringify(['array', ['a'], salt, 3])).toBe(canonicalize(['array', ['a'], salt, 3]));
    expect(arrayLeafHash(['a'], salt, 3)).not.toBe(valueLeafHash(['a'], salt, 3));
  });

  it('key ids are the first 16 hex digits of SHA-256 of the raw public key, whatever form the key takes', () => {
    const { publicKey } = parsePrivateKey(keys.privateKeyPem);
    expect(keyIdOf(keys.publicKey)).toBe(keys.keyId);
    expect(keyIdOf(publicKey.raw)).toBe(keys.keyId);
    expect(keyIdOf(publicKey.keyObject)).toBe(keys.keyId);
    expect(keyIdOf(keys.publicKey.replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, ''))).toBe(keys.keyId);
    expect(keys.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('accepts a private key as base64 of the raw 32-byte seed', () => {
    const { keyObject } = parsePrivateKey(keys.privateKeyPem);
    const seed = Buffer.from(keyObject.export({ format: 'jwk' }).d as string, 'base64url').toString('base64');
    const doc = issueCertificate(sampleCertificate(), seed);
    expect(verifyDocumentSync(doc, registry()).valid).toBe(true);
  });

  it('tricky data (unicode keys and values, nulls, booleans, numbers, nested arrays, empty objects and arrays) issues and verifies', () => {
    const data: JsonObject = {
      'ключ with spaces/and~tilde': 'Zürich → 東京 🚢 \u2028',
      '': 'empty key',
      numbers: [0, -1.5, 1e21, 1e-7, Number.MAX_SAFE_INTEGER],
      flags: { yes: true, no: false },
      nothing: null,
      nested: [[1, [2, [3, []]]], [{}], [{ a: [] }], [null, null]],
      emptyObject: {},
      emptyArray: [],
      'data.with.dots': { 'x[0]': 'brackets' },
    };
    const doc = issueCertificate(sampleCertificate({ type: 'lpco', data }), keys.privateKeyPem, { validateData: false });
    const result = verifyDocumentSync(JSON.parse(JSON.stringify(doc)), registry());
    expect(result.valid, JSON.stringify(result.checks)).toBe(true);
    expect(doc.salts['/ключ with spaces~1and~0tilde']).toMatch(/^[0-9a-f]{32}$/);
    expect(doc.salts['/nested/3/0']).toBeDefined();
  });

  it('refuses to issue invalid certificates with field-path errors', () => {
    const bad = sampleCertificate({ data: { ...SAMPLE_ECOO, goods: [{ description: 'x', hsCode: '12', quantity: { value: -1, unit: 'KGM' }, originCountry: 'KE' }] } });
    try {
      issueCertificate(bad, keys.privateKeyPem);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CertificateValidationError);
      const paths = (error as CertificateValidationError).errors.map((e) => e.path);
      expect(paths).toContain('data.goods[0].hsCode');
      expect(paths).toContain('data.goods[0].quantity.value');
      expect(paths).toContain('data.goods[0].originCriterion');
    }
    expect(() => issueCertificate(sampleCertificate({ id: '' }), keys.privateKeyPem)).toThrow(CertificateValidationError);
    expect(() => issueCertificate(sampleCertificate({ issuedAt: '2025-02-30T00:00:00Z' }), keys.privateKeyPem)).toThrow(/issuedAt/);
    expect(() => issueCertificate(sampleCertificate({ data: { x: Number.NaN } }), keys.privateKeyPem, { validateData: false })).toThrow(/NaN/);
    expect(() => issueCertificate(sampleCertificate({ data: { x: undefined } as unknown as JsonObject }), keys.privateKeyPem, { validateData: false })).toThrow(/undefined/);
    expect(() => issueCertificate(sampleCertificate({ issuer: { agencyId: 'KE-KRA', keyId: 'ffffffffffffffff' } }), keys.privateKeyPem)).toThrow(/not the id of the signing key/);
    expect(() => issueCertificate(sampleCertificate(), 'not a key')).toThrow(TypeError);
  });

  it('defaults issuedAt to now and accepts a Date', () => {
    const now = new Date('2025-04-01T12:00:00.000Z');
    const a = issueCertificate(sampleCertificate({ issuedAt: undefined }), keys.privateKeyPem, { now: () => now });
    expect(a.issuedAt).toBe('2025-04-01T12:00:00.000Z');
    const b = issueCertificate(sampleCertificate({ issuedAt: now }), keys.privateKeyPem);
    expect(b.issuedAt).toBe('2025-04-01T12:00:00.000Z');
  });

  it('does not keep references to the caller data', () => {
    const data = structuredClone(SAMPLE_ECOO);
    const doc = issueCertificate(sampleCertificate({ data }), keys.privateKeyPem);
    (data['exporter'] as JsonObject)['name'] = 'Changed';
    expect(verifyDocumentSync(doc, registry()).valid).toBe(true);
  });

  it('canonicalJson refuses what JSON cannot carry', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
    expect(() => canonicalJson({ a: Infinity })).toThrow(/Infinity/);
    expect(() => canonicalJson({ a: new Date() })).toThrow(/Date/);
    expect(() => canonicalJson({ a: '\ud800' })).toThrow(/surrogate/);
  });

  it('verifyDocument works with asynchronous resolvers; verifyDocumentSync refuses them', async () => {
    const doc = issueCertificate(sampleCertificate(), keys.privateKeyPem);
    const asyncRegistry = async (agencyId: string, keyId: string) => registry()(agencyId, keyId);
    const result = await verifyDocument(doc, { resolveKey: asyncRegistry, isRevoked: async () => undefined, checkLedger: async () => ({ status: 'VALID', reason: 'anchored' }) });
    expect(result.valid).toBe(true);
    expect(result.checks.revocation.status).toBe('VALID');
    expect(result.checks.ledger).toEqual({ status: 'VALID', reason: 'anchored' });
    expect(() => verifyDocumentSync(doc, asyncRegistry)).toThrow(/Promise/);
  });

  it('resolver exceptions propagate (a registry outage is not a verdict on the document)', async () => {
    const doc = issueCertificate(sampleCertificate(), keys.privateKeyPem);
    await expect(verifyDocument(doc, () => Promise.reject(new Error('registry down')))).rejects.toThrow('registry down');
  });

  it('verification is lean: thousands of distinct documents per second on one core, more when verified again', () => {
    const resolve = registry();
    const signingKey = parsePrivateKey(keys.privateKeyPem).keyObject;
    const docs: CorridorCertificate[] = [];
    for (let i = 0; i < 2500; i++) docs.push(JSON.parse(JSON.stringify(issueCertificate(sampleCertificate({ id: `ECERT-PERF-${i}` }), signingKey))));
    for (const doc of docs.slice(0, 300)) verifyDocumentSync(doc, resolve); // warm-up (JIT)
    const measured = docs.slice(300);
    const started = performance.now();
    for (const doc of measured) if (!verifyDocumentSync(doc, resolve).valid) throw new Error('invalid');
    const perSecond = measured.length / ((performance.now() - started) / 1000);
    const again = performance.now();
    for (const doc of measured) verifyDocumentSync(doc, resolve);
    const repeatedPerSecond = measured.length / ((performance.now() - again) / 1000);
    // Printed for the record. The bound is loose on purpose: test machines are shared (other
    // suites run in parallel) and Ed25519 verification alone costs 60-130 µs depending on the CPU.
    process.stderr.write(`ecert: ${Math.round(perSecond)} verifications/s of distinct 25-leaf e-CoOs, ${Math.round(repeatedPerSecond)}/s when verified again\n`);
    expect(perSecond).toBeGreaterThan(500);
    expect(repeatedPerSecond).toBeGreaterThan(500);
  });
});
