import { describe, expect, it } from 'vitest';
import { sampleCertificate } from '../testing/samples';
import { issueCertificate } from './issue';
import { generateIssuerKeyPair } from './keys';
import type { IssuerKeyRecord, LedgerProofBundle } from './resolvers';
import { verifyDocument, verifyDocumentSync } from './verify';

const agencyKey = generateIssuerKeyPair();
const otherKey = generateIssuerKeyPair();
const ISSUED_AT = '2025-03-01T10:00:00.000Z';
const doc = issueCertificate(sampleCertificate({ issuedAt: ISSUED_AT }), agencyKey.privateKeyPem);
const NOW = () => new Date('2025-06-01T00:00:00Z');

function withKey(record: Partial<IssuerKeyRecord>) {
  return {
    resolveKey: (agencyId: string, keyId: string): IssuerKeyRecord | undefined =>
      agencyId === 'KE-KRA' && keyId === agencyKey.keyId ? { publicKey: agencyKey.publicKey, validFrom: '2025-01-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z', ...record } : undefined,
    now: NOW,
  };
}

describe('issuer, revocation and ledger checks', () => {
  it('a key valid at issuedAt gives a VALID issuer check', () => {
    const result = verifyDocumentSync(doc, withKey({}));
    expect(result.valid).toBe(true);
    expect(result.checks.issuer.reason).toMatch(/was valid at 2025-03-01T10:00:00.000Z/);
  });

  it('passes the agency, key id and issuedAt to the key resolver', () => {
    const calls: unknown[][] = [];
    verifyDocumentSync(doc, (...args) => {
      calls.push(args);
      return undefined;
    });
    expect(calls).toEqual([['KE-KRA', agencyKey.keyId, new Date(ISSUED_AT)]]);
  });

  it.each([
    ['not yet valid', { validFrom: '2025-03-01T10:00:00.001Z' }, /before key .* became valid/],
    ['expired', { validTo: '2025-03-01T10:00:00.000Z' }, /after key .* expired/],
    ['revoked before issuance', { revokedAt: new Date('2025-02-01T00:00:00Z') }, /after key .* was revoked/],
    ['revoked at the very instant', { revokedAt: ISSUED_AT }, /was revoked/],
    ['unreadable validity', { validFrom: 'someday' }, /unreadable/],
  ])('a key %s at issuedAt gives an INVALID issuer check', (_, record, reason) => {
    const result = verifyDocumentSync(doc, withKey(record));
    expect(result.valid).toBe(false);
    expect(result.checks.issuer.status).toBe('INVALID');
    expect(result.checks.issuer.reason).toMatch(reason);
    // The content and the signature are fine: only the issuer check fails.
    expect(result.checks.integrity.status).toBe('VALID');
    expect(result.checks.signature.status).toBe('VALID');
  });

  it('a key revoked after issuance still verifies, with a note to corroborate issuedAt', () => {
    const result = verifyDocumentSync(doc, withKey({ revokedAt: '2025-04-01T00:00:00Z' }));
    expect(result.valid).toBe(true);
    expect(result.checks.issuer.reason).toMatch(/revoked later/);
  });

  it('validFrom and validTo as Dates are accepted; an open-ended key (validTo null) too', () => {
    expect(verifyDocumentSync(doc, withKey({ validFrom: new Date('2025-01-01'), validTo: null })).valid).toBe(true);
  });

  it('a certificate issued in the future is refused', () => {
    const future = issueCertificate(sampleCertificate({ issuedAt: '2025-07-01T00:00:00.000Z' }), agencyKey.privateKeyPem);
    const result = verifyDocumentSync(future, withKey({}));
    expect(result.checks.issuer.status).toBe('INVALID');
    expect(result.checks.issuer.reason).toMatch(/future/);
  });

  it('an unknown key: issuer INVALID and the signature cannot be checked', () => {
    const result = verifyDocumentSync(doc, () => undefined);
    expect(result.valid).toBe(false);
    expect(result.checks.issuer.status).toBe('INVALID');
    expect(result.checks.signature.status).toBe('INVALID');
  });

  it('the wrong key: a registry answering another key is caught by the key id, and a forged signature by the signature check', () => {
    const wrongRecord = verifyDocumentSync(doc, withKey({ publicKey: otherKey.publicKey }));
    expect(wrongRecord.valid).toBe(false);
    expect(wrongRecord.checks.issuer.reason).toMatch(/whose id is/);

    // Someone signs with their own key but claims the agency's key id: the agency key rejects the signature.
    const forged = issueCertificate(sampleCertificate({ issuedAt: ISSUED_AT }), otherKey.privateKeyPem);
    const claimed = { ...forged, issuer: { agencyId: 'KE-KRA', keyId: agencyKey.keyId } };
    const result = verifyDocumentSync(claimed, withKey({}));
    expect(result.valid).toBe(false);
    expect(result.checks.signature.status).toBe('INVALID');
  });

  it('a revoked certificate is INVALID when a revocation resolver is given', () => {
    const resolvers = { ...withKey({}), isRevoked: (id: string) => (id === doc.id ? { revoked: true, reason: 'goods returned', at: '2025-05-01T00:00:00Z' } : undefined) };
    const result = verifyDocumentSync(doc, resolvers);
    expect(result.valid).toBe(false);
    expect(result.checks.revocation).toEqual({ status: 'INVALID', reason: `certificate ${doc.id} was revoked at 2025-05-01T00:00:00.000Z: goods returned` });
    const notRevoked = verifyDocumentSync(doc, { ...withKey({}), isRevoked: () => ({ revoked: false }) });
    expect(notRevoked.checks.revocation.status).toBe('VALID');
    expect(notRevoked.valid).toBe(true);
  });

  it('the ledger checker receives the certificate identity, the recomputed digest and the attached proof', async () => {
    const bundles: LedgerProofBundle[] = [];
    const anchored = { ...doc, ledger: { logId: 'corridor-1', leafIndex: 42 } };
    const result = await verifyDocument(anchored, {
      ...withKey({}),
      checkLedger: (bundle) => {
        bundles.push(bundle);
        return { status: 'INVALID', reason: 'not in the log' };
      },
    });
    expect(bundles).toEqual([{ certificateId: doc.id, type: 'e-coo', issuer: doc.issuer, issuedAt: ISSUED_AT, digest: doc.proof.digest, proof: { logId: 'corridor-1', leafIndex: 42 } }]);
    expect(result.valid).toBe(false);
    expect(result.checks.ledger).toEqual({ status: 'INVALID', reason: 'not in the log' });
    const skipped = verifyDocumentSync(anchored, { ...withKey({}), checkLedger: () => ({ status: 'SKIPPED', reason: 'no anchor yet' }) });
    expect(skipped.valid).toBe(true);
  });

  it('the ledger checker is not consulted for content that does not reproduce its digest', () => {
    let called = false;
    const tampered = { ...doc, id: 'ECERT-OTHER' };
    const result = verifyDocumentSync(tampered, { ...withKey({}), checkLedger: () => ((called = true), { status: 'VALID', reason: '' }) });
    expect(called).toBe(false);
    expect(result.checks.ledger.status).toBe('SKIPPED');
  });

  it('hostile documents give valid: false with reasons, never an exception', () => {
    const inputs: unknown[] = [
      null,
      'text',
      [],
      {},
      { ...doc, format: undefined },
      { ...doc, data: [] },
      { ...doc, salts: null },
      { ...doc, obfuscated: 'x' },
      { ...doc, obfuscated: Array(200_000).fill('0'.repeat(64)) },
      { ...doc, proof: { ...doc.proof, signature: 'not base64' } },
      { ...doc, issuedAt: 'yesterday' },
      { ...doc, issuer: { agencyId: 'KE-KRA', keyId: 'ABCDEF0123456789' } },
      { ...doc, data: { deep: JSON.parse('['.repeat(5000) + ']'.repeat(5000)) } },
      { ...doc, data: { n: Number.NaN } },
      new Proxy({}, { ownKeys: () => { throw new Error('boom'); } }),
    ];
    for (const input of inputs) {
      const result = verifyDocumentSync(input, withKey({}));
      expect(result.valid).toBe(false);
      const failed = Object.values(result.checks).filter((c) => c.status === 'INVALID');
      expect(failed.length).toBeGreaterThan(0);
      for (const c of failed) expect(c.reason.length).toBeGreaterThan(5);
    }
  });
});
