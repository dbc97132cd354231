import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from './document/canonical-json';
import { generateIssuerKeyPair } from './document/keys';
import { issueCertificate } from './document/issue';
import type { CorridorCertificate } from './document/types';
import { verifyDocumentSync } from './document/verify';
import { createLedgerAnchorCheck } from './model/ledger-anchor';
import { SAMPLE_EPHYTO, SAMPLE_LPCO } from './testing/samples';
import { caller, EcertTestHost, readJson } from './testing/ecert-host';
import { CertificateVerifier } from './verify-certificate/certificate-verifier';

const WORKSPACE = resolve(__dirname, '../../..');
const FIXTURES = resolve(WORKSPACE, '../shared/fixtures/openattestation');
const EXPECTED_OA: Record<string, 'VALID' | 'INVALID'> = {
  'valid-chafta-coo.tradetrust.json': 'VALID',
  'valid-obfuscated-invoice.tradetrust.json': 'VALID',
  'valid-batched-proof2.oa-cli.json': 'VALID',
  'tampered-did-invalid.oa-cli.json': 'INVALID',
};
const example = readJson<{ type: string; data: Record<string, unknown> }>(resolve(WORKSPACE, 'tools/examples/e-coo.json'));
const clone = <T>(value: T): T => structuredClone(value);
type Doc = CorridorCertificate & { ledger: Record<string, unknown> };

/** Every primitive leaf of a JSON value as a path of segments. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

/** Changes one character of the leaf (the first, or the last with `last`). */
function mutateAt(root: unknown, path: (string | number)[], last = false): void {
  let node = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  const value = node[key];
  const swap = (c: string) => (c === 'X' ? 'Y' : 'X');
  if (typeof value === 'string') node[key] = value.length === 0 ? 'X' : last ? value.slice(0, -1) + swap(value.slice(-1)) : swap(value[0]) + value.slice(1);
  else if (typeof value === 'number') node[key] = value + 1;
  else if (typeof value === 'boolean') node[key] = !value;
  else node[key] = 'X';
}

describe.each(testModes())('e-certificates on $name', (mode) => {
  let host: TestApp;
  const call = caller(() => host);
  const verify = async (document: unknown) => (await call('POST', '/api/certificates/verify', { document }, null)).body;
  let agency: { id: string; keyId: string; publicKey: string };
  let issued: { id: string; document: Doc };

  beforeAll(async () => {
    host = await startTestApp(EcertTestHost.forRoot, mode);
    const created = await call('POST', '/api/agencies', { name: 'Canada Border Services Agency', country: 'CA' });
    expect(created.status).toBe(201);
    agency = created.body;
    const response = await call('POST', '/api/certificates', { ...example, agencyId: agency.id }, ['agency']);
    expect(response.status).toBe(201);
    issued = response.body;
  });
  afterAll(async () => host?.close());

  it('registers an agency with a server-kept Ed25519 key and publishes it', async () => {
    expect(agency).toMatchObject({ country: 'CA', keyId: expect.stringMatching(/^[0-9a-f]{16}$/), publicKey: expect.any(String) });
    const listed = await call('GET', '/api/agencies', undefined, null);
    expect(listed.body.map((a: { id: string }) => a.id)).toContain(agency.id);
    const one = await call('GET', `/api/agencies/${agency.id}`, undefined, null);
    expect(one.body.keys).toEqual([expect.objectContaining({ keyId: agency.keyId, custody: 'server', active: true, algorithm: 'Ed25519' })]);
    expect(JSON.stringify(one.body)).not.toContain('PRIVATE');
  });

  it('issues the example e-CoO as canonical JSON carrying its proof bundle, verifiable offline', async () => {
    const { document } = issued;
    expect(issued.id).toMatch(/^ECERT-CA-\d{4}-[0-9A-F]{10}$/);
    expect(document).toMatchObject({ format: 'corridor-ecert/1', type: 'e-coo', issuer: { agencyId: agency.id, keyId: agency.keyId } });
    expect(document.data).toEqual(example.data);
    expect(document.proof).toMatchObject({ type: 'Ed25519', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(document.ledger).toMatchObject({ entry: 'corridor.ecert.v1', leafIndex: expect.any(Number), treeSize: expect.any(Number), inclusionPath: expect.any(Array), treeHead: expect.any(Object) });
    const raw = await call('GET', `/api/certificates/${issued.id}/document`, undefined, ['officer']);
    expect(raw.text).toBe(canonicalJson(document));
    expect(JSON.stringify(document)).toBe(raw.text); // the JSON answer is already in canonical member order

    // Offline: only the document, the agency's public keys and the ledger's public keys.
    const { body: registry } = await call('GET', `/api/agencies/${agency.id}`, undefined, null);
    const { body: ledgerKeys } = await call('GET', '/api/ledger/keys', undefined, null);
    const offline = verifyDocumentSync(JSON.parse(raw.text), {
      resolveKey: (agencyId, keyId) => (agencyId === registry.id ? registry.keys.find((k: { keyId: string }) => k.keyId === keyId) : undefined),
      checkLedger: createLedgerAnchorCheck({ ledgerKeys: Object.fromEntries(ledgerKeys.map((k: { keyId: string; publicKey: string }) => [k.keyId, k.publicKey])) }),
    });
    expect(offline.valid).toBe(true);
    expect(offline.checks.ledger.status).toBe('VALID');

    const verdict = await verify(document);
    expect(verdict).toMatchObject({ valid: true, format: 'corridor-ecert/1', id: issued.id });
    for (const check of ['integrity', 'signature', 'issuer', 'revocation', 'ledger']) expect(verdict.checks[check], check).toMatchObject({ status: 'VALID', reason: expect.any(String) });
  });

  it('issues e-Phyto and LPCO certificates too, and keeps a status history', async () => {
    for (const [type, data] of [['e-phyto', SAMPLE_EPHYTO], ['lpco', SAMPLE_LPCO]] as const) {
      const response = await call('POST', '/api/certificates', { type, agencyId: agency.id, data }, ['admin']);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect((await verify(response.body.document)).valid).toBe(true);
    }
    const got = await call('GET', `/api/certificates/${issued.id}`, undefined, ['officer']);
    expect(got.body).toMatchObject({ id: issued.id, status: 'valid', custody: 'server', history: [{ status: 'issued', by: 'test-agency' }] });
  });

  it('finds every one-character change anywhere in the document invalid (a batch, verified on worker threads)', async () => {
    const variants: unknown[] = [];
    for (const path of leafPaths(issued.document.data)) {
      for (const last of [false, true]) {
        const variant = clone(issued.document);
        mutateAt(variant.data, path, last);
        variants.push(variant);
      }
    }
    for (const member of ['id', 'issuedAt', 'type']) {
      const variant = clone(issued.document) as unknown as Record<string, string>;
      variant[member] = member === 'type' ? 'lpco' : member === 'issuedAt' ? variant[member].replace(/\d(?=\.\d{3}Z$)/, (d) => String((Number(d) + 1) % 10)) : `${variant[member]}X`;
      variants.push(variant);
    }
    for (const pointer of Object.keys(issued.document.salts)) {
      const variant = clone(issued.document) as unknown as { salts: Record<string, string> };
      variant.salts[pointer] = variant.salts[pointer].replace(/^./, (c) => (c === '0' ? '1' : '0'));
      variants.push(variant);
    }
    const signature = clone(issued.document) as unknown as { proof: { signature: string } };
    signature.proof.signature = signature.proof.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    variants.push(signature);
    expect(variants.length).toBeGreaterThan(64);
    const documents = [...variants, issued.document, clone(issued.document)];
    const { status, body } = await call('POST', '/api/certificates/verify', { documents }, null);
    expect(status).toBe(200);
    expect(body.count).toBe(documents.length);
    expect(body.valid).toBe(2);
    body.results.slice(0, variants.length).forEach((verdict: { valid: boolean }, i: number) => expect(verdict.valid, `variant ${i}`).toBe(false));
    expect(body.results.slice(-2).every((v: { valid: boolean }) => v.valid)).toBe(true);
    expect(host.app.get(CertificateVerifier).pool.started).toBe(true);
  });

  it('revokes a certificate: verification names the reason and time, a replay stays invalid, history kept', async () => {
    const { body: fresh } = await call('POST', '/api/certificates', { ...example, agencyId: agency.id }, ['agency']);
    expect((await call('POST', `/api/certificates/${fresh.id}/revocation`, { reason: 'issued in error' }, ['trader'])).status).toBe(403);
    expect((await call('POST', `/api/certificates/${fresh.id}/revocation`, {}, ['agency'])).body.field).toBe('reason');
    const revoked = await call('POST', `/api/certificates/${fresh.id}/revocation`, { reason: 'issued in error: wrong consignee' }, ['agency']);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revocationReason: 'issued in error: wrong consignee' });
    expect(revoked.body.history.map((h: { status: string }) => h.status)).toEqual(['issued', 'revoked']);
    const replay = await verify(fresh.document);
    expect(replay.valid).toBe(false);
    expect(replay.checks.revocation.status).toBe('INVALID');
    expect(replay.checks.revocation.reason).toContain('issued in error: wrong consignee');
    expect(replay.checks.revocation.reason).toContain(revoked.body.revokedAt);
    expect((await call('POST', `/api/certificates/${fresh.id}/revocation`, { reason: 'again' }, ['admin'])).status).toBe(409);
  });

  it('discloses selectively: the obfuscated document still verifies, bad paths are named', async () => {
    const { status, body } = await call('POST', `/api/certificates/${issued.id}/disclosures`, { hide: ['importer.address', 'goods[1].quantity', 'invoice'] }, ['trader']);
    expect(status).toBe(200);
    expect(body.data.importer).toEqual({ name: 'Great Lakes Auto Parts Inc', country: 'US', id: 'US123456789' });
    expect(body.data.invoice).toBeUndefined();
    expect(body.obfuscated.length).toBeGreaterThan(3);
    const verdict = await verify(body);
    expect(verdict).toMatchObject({ valid: true, hiddenLeaves: body.obfuscated.length });
    expect(verdict.checks.ledger.status).toBe('VALID');
    const bad = await call('POST', `/api/certificates/${issued.id}/disclosures`, { hide: ['importer.address', 'colour'] }, ['trader']);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('hide[1]');
  });

  it('registers a document signed by the agency itself, and refuses forgeries', async () => {
    const keys = generateIssuerKeyPair();
    const { body: own } = await call('POST', '/api/agencies', { name: 'Kenya Plant Health Inspectorate Service', country: 'KE', publicKey: keys.publicKey, id: `KE-KEPHIS-${mode.name.replace(/\W/g, '')}` });
    expect(own).toMatchObject({ keyId: keys.keyId, keys: [{ custody: 'client' }] });
    const signed = issueCertificate({ id: `PHYTO-${Date.now()}`, type: 'e-phyto', issuer: { agencyId: own.id }, data: SAMPLE_EPHYTO }, keys.privateKeyPem);
    const registered = await call('POST', '/api/certificates', { document: signed }, ['agency']);
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body).toMatchObject({ id: signed.id, custody: 'client' });
    expect((await verify(registered.body.document)).valid).toBe(true);
    expect((await call('POST', '/api/certificates', { document: signed }, ['agency'])).status).toBe(409);
    // The server cannot sign for an agency that keeps its own key.
    expect((await call('POST', '/api/certificates', { type: 'e-phyto', agencyId: own.id, data: SAMPLE_EPHYTO }, ['agency'])).status).toBe(409);

    const forger = generateIssuerKeyPair();
    const forged = issueCertificate({ id: `PHYTO-F-${Date.now()}`, type: 'e-phyto', issuer: { agencyId: own.id, keyId: forger.keyId }, data: SAMPLE_EPHYTO }, forger.privateKeyPem);
    const refused = await call('POST', '/api/certificates', { document: forged }, ['agency']);
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('document.issuer.keyId');
    const tampered = clone(signed);
    (tampered.data as { consignee: { name: string } }).consignee.name = 'Someone Else GmbH';
    const refusedTampered = await call('POST', '/api/certificates', { document: { ...tampered, id: `${signed.id}-2` } }, ['agency']);
    expect(refusedTampered.status).toBe(400);
    expect(refusedTampered.body.field).toBe('document');

    // The agency rotates to a new key of its own: the old one has expired for anything signed later.
    const next = generateIssuerKeyPair();
    const rotated = await call('POST', `/api/agencies/${own.id}/keys`, { publicKey: next.publicKey }, ['agency']);
    expect(rotated.body).toMatchObject({ keyId: next.keyId, keys: [{ keyId: keys.keyId, active: false }, { keyId: next.keyId, custody: 'client', active: true }] });
    const late = issueCertificate({ id: `PHYTO-L-${Date.now()}`, type: 'e-phyto', issuer: { agencyId: own.id }, data: SAMPLE_EPHYTO }, keys.privateKeyPem);
    const expired = await call('POST', '/api/certificates', { document: late }, ['agency']);
    expect(expired.status).toBe(400);
    expect(expired.body.field).toBe('document.issuer.keyId');
    expect(expired.body.message).toContain('expired');
    expect((await verify(late)).checks.issuer).toMatchObject({ status: 'INVALID', reason: expect.stringContaining('expired') });
    expect((await verify(registered.body.document)).valid).toBe(true);
  });

  it('rotates keys: old certificates still verify, an expired key cannot sign, a revoked key invalidates what it signed after', async () => {
    const { body: a } = await call('POST', '/api/agencies', { name: 'Rotating Agency', country: 'MX' });
    const { body: before } = await call('POST', '/api/certificates', { ...example, agencyId: a.id }, ['agency']);
    const rotated = await call('POST', `/api/agencies/${a.id}/keys`, {}, ['agency']);
    expect(rotated.status).toBe(201);
    expect(rotated.body.keys).toHaveLength(2);
    expect(rotated.body.keys[0]).toMatchObject({ keyId: a.keyId, active: false, validTo: expect.any(String) });
    expect(rotated.body.keyId).not.toBe(a.keyId);
    expect((await verify(before.document)).valid).toBe(true);
    const { body: after } = await call('POST', '/api/certificates', { ...example, agencyId: a.id }, ['agency']);
    expect(after.document.issuer.keyId).toBe(rotated.body.keyId);

    // Revoke the new key from a moment before `after` was issued: `after` no longer verifies, `before` does.
    const at = new Date(Date.parse(after.issuedAt) - 1).toISOString();
    const revoked = await call('POST', `/api/agencies/${a.id}/keys/${rotated.body.keyId}/revocation`, { reason: 'HSM compromised', at }, ['admin']);
    expect(revoked.status).toBe(200);
    const verdict = await verify(after.document);
    expect(verdict.valid).toBe(false);
    expect(verdict.checks.issuer).toMatchObject({ status: 'INVALID', reason: expect.stringContaining('revoked') });
    expect((await verify(before.document)).valid).toBe(true);
    expect((await call('POST', '/api/certificates', { ...example, agencyId: a.id }, ['agency'])).body.code).toBe('AGENCY.NO_ACTIVE_KEY');
    expect((await call('POST', `/api/agencies/${a.id}/keys/${rotated.body.keyId}/revocation`, { reason: 'again' })).status).toBe(409);
  });

  describe('crafted documents never verify', () => {
    it('a forged signature', async () => {
      const forged = clone(issued.document);
      const other = generateIssuerKeyPair();
      const resigned = issueCertificate({ id: forged.id, type: 'e-coo', issuer: { agencyId: agency.id }, issuedAt: forged.issuedAt, data: forged.data }, other.privateKeyPem);
      const verdict = await verify({ ...forged, proof: { ...forged.proof, signature: resigned.proof.signature } });
      expect(verdict.valid).toBe(false);
      expect(verdict.checks.signature.status).toBe('INVALID');
    });

    it('a swapped key or agency', async () => {
      const attacker = generateIssuerKeyPair();
      // Claims the genuine agency and key id, signed by the attacker: the signature does not match the registered key.
      const claimed = issueCertificate({ id: 'ECERT-FAKE-1', type: 'e-coo', issuer: { agencyId: agency.id }, data: issued.document.data }, attacker.privateKeyPem);
      const withGenuineKeyId = { ...claimed, issuer: { agencyId: agency.id, keyId: agency.keyId } };
      expect((await verify(withGenuineKeyId)).valid).toBe(false);
      const verdict = await verify(claimed);
      expect(verdict.valid).toBe(false);
      expect(verdict.checks.issuer.status).toBe('INVALID');
      // A genuine certificate relabelled with another agency.
      const { body: other } = await call('POST', '/api/agencies', { name: 'Other Agency', country: 'US' });
      const relabelled = { ...issued.document, issuer: { agencyId: other.id, keyId: other.keyId } };
      expect((await verify(relabelled)).valid).toBe(false);
    });

    it('a tampered, foreign or stripped ledger proof', async () => {
      const { body: second } = await call('POST', '/api/certificates', { ...example, agencyId: agency.id }, ['agency']);
      const path = clone(issued.document);
      if (path.ledger.inclusionPath && (path.ledger.inclusionPath as string[]).length > 0) (path.ledger.inclusionPath as string[])[0] = '00'.repeat(32);
      else path.ledger.leafIndex = (path.ledger.leafIndex as number) + 1;
      const root = clone(issued.document);
      (root.ledger.treeHead as { rootHash: string }).rootHash = 'ab'.repeat(32);
      const foreign = { ...clone(issued.document), ledger: second.document.ledger };
      const unknownKey = clone(issued.document);
      (unknownKey.ledger.treeHead as { keyId: string }).keyId = 'cd'.repeat(32);
      for (const [name, doc] of [['path', path], ['root', root], ['foreign', foreign], ['unknown key', unknownKey]] as const) {
        const verdict = await verify(doc);
        expect(verdict.valid, name).toBe(false);
        expect(verdict.checks.ledger.status, name).toBe('INVALID');
        expect(verdict.checks.integrity.status, name).toBe('VALID');
      }
      const { ledger: _stripped, ...bare } = issued.document;
      const stripped = await verify(bare);
      expect(stripped.checks.ledger.status).toBe('SKIPPED');
      expect(stripped.valid).toBe(true);
    });
  });

  describe('OpenAttestation v2 / TradeTrust documents through the same endpoint', () => {
    it.each(Object.entries(EXPECTED_OA))('%s is %s', async (file, expected) => {
      const verdict = await verify(readJson(resolve(FIXTURES, file)));
      expect(verdict.format).toBe('openattestation-v2');
      expect(verdict.checks.integrity.status).toBe(expected);
      expect(verdict.valid).toBe(expected === 'VALID');
      for (const check of ['signature', 'issuer', 'revocation', 'ledger']) expect(verdict.checks[check].status).toBe('SKIPPED');
    });

    it('every fixture is covered, and a tampered copy of a valid one is INVALID', async () => {
      expect(readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(EXPECTED_OA).sort());
      const doc = readJson<{ data: { name: string } }>(resolve(FIXTURES, 'valid-batched-proof2.oa-cli.json'));
      doc.data.name = doc.data.name.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'));
      const verdict = await verify(doc);
      expect(verdict).toMatchObject({ valid: false, format: 'openattestation-v2', checks: { integrity: { status: 'INVALID' } } });
    });
  });

  describe('bad input', () => {
    it.each([
      ['an unknown agency', { ...example, agencyId: 'ZZ-NOBODY' }, 'agencyId'],
      ['a wrong type', { ...example, type: 'e-cot' }, 'type'],
      ['data as a string', { type: 'e-coo', data: 'lots' }, 'data'],
      ['a bad HS code', { ...example, data: { ...example.data, goods: [{ ...(example.data.goods as object[])[0], hsCode: '99' }] } }, 'data.goods[0].hsCode'],
      ['a quantity as text', { ...example, data: { ...example.data, goods: [{ ...(example.data.goods as object[])[0], quantity: { value: '480', unit: 'H87' } }] } }, 'data.goods[0].quantity.value'],
      ['an unknown member', { ...example, colour: 'red' }, 'colour'],
      ['an array body', [example], 'body'],
    ])('refuses %s with a 400 naming the field', async (_name, body, field) => {
      const withAgency = Array.isArray(body) || (body as { agencyId?: string }).agencyId ? body : { ...body, agencyId: agency.id };
      const { status, body: error } = await call('POST', '/api/certificates', withAgency, ['agency']);
      expect(status).toBe(400);
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
    });

    it('answers malformed documents with an invalid verdict, never a 5xx', async () => {
      const hostile: unknown[] = ['abc', 42, [], {}, { format: 'corridor-ecert/1' }, { ...issued.document, proof: 'x' }, { ...issued.document, data: [] }, { ...issued.document, salts: null }, { ...issued.document, ledger: 'x' }, { ...issued.document, ledger: { entry: 'corridor.ecert.v1', treeHead: { keyId: 7 } } }, { data: {}, signature: {} }, { ...issued.document, extra: 1 }];
      const { status, body } = await call('POST', '/api/certificates/verify', { documents: hostile }, null);
      expect(status).toBe(200);
      body.results.forEach((verdict: { valid: boolean; checks: Record<string, { status: string; reason: string }> }, i: number) => {
        expect(verdict.valid, `hostile ${i}`).toBe(false);
        expect(Object.values(verdict.checks).some((c) => c.status === 'INVALID' && c.reason.length > 0), `hostile ${i}`).toBe(true);
      });
    });

    it('names the field for bad requests and guards roles', async () => {
      expect((await call('POST', '/api/certificates/verify', {}, null)).body.field).toBe('document');
      expect((await call('POST', '/api/certificates/verify', { documents: [] }, null)).body.field).toBe('documents');
      expect((await call('POST', '/api/certificates/verify', { documents: Array.from({ length: 1001 }, () => ({})) }, null)).body.field).toBe('documents');
      expect((await call('POST', '/api/certificates/verify', '{"document":', null)).status).toBe(400);
      expect((await call('POST', '/api/certificates', { ...example, agencyId: agency.id }, null)).status).toBe(401);
      expect((await call('POST', '/api/certificates', { ...example, agencyId: agency.id }, ['trader'])).status).toBe(403);
      expect((await call('POST', '/api/agencies', { name: 'X', country: 'KE' }, ['agency'])).status).toBe(403);
      expect((await call('POST', '/api/agencies', { name: 'X', country: 'QQ' })).body.field).toBe('country');
      expect((await call('POST', '/api/agencies', { name: 'X', country: 'KE', publicKey: 'not-a-key' })).body.field).toBe('publicKey');
      expect((await call('GET', '/api/certificates/ECERT-NONE', undefined, ['officer'])).status).toBe(404);
      expect((await call('GET', '/api/certificates/bad%20id', undefined, ['officer'])).body.field).toBe('id');
      expect((await call('GET', '/api/agencies/ZZ-NONE', undefined, null)).status).toBe(404);
      expect((await call('POST', '/api/certificates', { document: 'x' }, ['agency'])).body.field).toBe('document');
      expect((await call('POST', '/api/certificates', { document: { ...issued.document, id: 'ECERT-OTHER', obfuscated: ['00'.repeat(32)] } }, ['agency'])).body.field).toBe('document.obfuscated');
    });
  });
});
