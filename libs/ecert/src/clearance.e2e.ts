import { EventBus, QueryBus, ofType } from '@nestjs/cqrs';
import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { resolve } from 'node:path';
import type { Subscription } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckDeclarationCertificates } from './check-declaration-certificates/check-declaration-certificates.query';
import { DeclarationCertificatesChecked } from './events';
import { SAMPLE_LPCO } from './testing/samples';
import { caller, EcertTestHost, readJson } from './testing/ecert-host';

const WORKSPACE = resolve(__dirname, '../../..');
const ecoo = readJson<{ type: string; data: Record<string, unknown> }>(resolve(WORKSPACE, 'tools/examples/e-coo.json'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const declaration = readJson<any>(resolve(WORKSPACE, 'tools/examples/declaration.json'));

const MANGO_PHYTO = {
  consignor: { name: 'Frutas del Pacifico SA de CV', country: 'MX' },
  consignee: { name: 'Great Lakes Produce Inc', country: 'US' },
  exportCountry: 'MX',
  importCountry: 'US',
  commodities: [{ scientificName: 'Mangifera indica', commonName: 'Mango', quantity: { value: 18000, unit: 'KGM' }, countryOfOrigin: 'MX' }],
};

/** The example declaration with its items pointing at certificates. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function lodgeable(certificateIds: string[][], change: (d: any) => void = () => undefined) {
  const d = structuredClone(declaration);
  d.items.forEach((item: { certificateIds?: string[] }, i: number) => {
    if (certificateIds[i]?.length) item.certificateIds = certificateIds[i];
  });
  change(d);
  return d;
}

describe.each(testModes())('certificates in clearance on $name', (mode) => {
  let host: TestApp;
  const call = caller(() => host);
  const checked: DeclarationCertificatesChecked[] = [];
  let subscription: Subscription;
  let agencyId: string;
  let coo: string;

  const issue = async (type: string, data: unknown) => {
    const response = await call('POST', '/api/certificates', { type, agencyId, data }, ['agency']);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  const lodge = async (body: unknown) => {
    const response = await call('POST', '/api/declarations', body, ['trader']);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  const checks = async (declarationId: string) => {
    const response = await call('GET', `/api/certificates/clearance/${declarationId}`, undefined, ['officer']);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    host = await startTestApp(EcertTestHost.forRoot, mode);
    subscription = host.app.get(EventBus).pipe(ofType(DeclarationCertificatesChecked)).subscribe((event) => checked.push(event));
    agencyId = (await call('POST', '/api/agencies', { name: 'Canada Border Services Agency', country: 'CA' })).body.id;
    coo = await issue('e-coo', ecoo.data);
  });
  afterAll(async () => {
    subscription?.unsubscribe();
    await host?.close();
  });

  it('draws declared quantities on the e-CoO goods lines and flags over-use by the later declaration', async () => {
    const first = await lodge(lodgeable([[coo], [coo]]));
    const firstChecks = await checks(first);
    expect(firstChecks).toMatchObject({ declarationId: first, version: 1 });
    expect(firstChecks.checks).toEqual([
      expect.objectContaining({ certificateId: coo, itemIndex: 0, status: 'ok', type: 'e-coo', goodsIndex: 0, drawn: 480, drawnTotal: 480, certified: 480, unit: 'H87' }),
      expect.objectContaining({ certificateId: coo, itemIndex: 1, status: 'ok', goodsIndex: 1, drawnTotal: 600 }),
    ]);
    const second = await lodge(lodgeable([[coo], []], (d) => (d.items[0].quantity = 10)));
    const secondChecks = await checks(second);
    expect(secondChecks.checks).toEqual([expect.objectContaining({ itemIndex: 0, status: 'over-use', drawn: 10, drawnTotal: 490, certified: 480, reason: expect.stringContaining('490 H87') })]);
    // The first declaration is still within the quantity: who lodged first is served first.
    expect((await checks(first)).checks.map((c: { status: string }) => c.status)).toEqual(['ok', 'ok']);

    const usage = await call('GET', `/api/certificates/${coo}/usage`, undefined, ['officer']);
    expect(usage.body).toMatchObject({ certificateId: coo, overUse: true });
    expect(usage.body.lines[0]).toMatchObject({ goodsIndex: 0, certified: { value: 480, unit: 'H87' }, drawn: 490, remaining: -10, overUse: true });
    expect(usage.body.lines[0].draws.map((d: { declarationId: string }) => d.declarationId)).toEqual([first, second]);
    expect(usage.body.lines[1]).toMatchObject({ drawn: 600, overUse: false });

    // Cancelling the first declaration gives its quantities back.
    expect((await call('POST', `/api/declarations/${first}/status`, { status: 'cancelled', note: 'duplicate' }, ['trader'])).status).toBe(200);
    await expect.poll(async () => (await checks(second)).checks[0].status, { timeout: 5000 }).toBe('ok');
    expect((await call('GET', `/api/certificates/${coo}/usage`, undefined, ['officer'])).body.lines[0].drawn).toBe(10);
  });

  it('re-draws on amendment and publishes DeclarationCertificatesChecked for lanes and risk', async () => {
    const id = await lodge(lodgeable([[], [coo]]));
    await expect.poll(() => checked.some((e) => e.declarationId === id && e.version === 1), { timeout: 5000 }).toBe(true);
    const amended = lodgeable([[], [coo]], (d) => (d.items[1].quantity = 20));
    expect((await call('POST', `/api/declarations/${id}/amendments`, { reason: 'partial shipment', declaration: amended }, ['trader'])).status).toBe(201);
    await expect.poll(() => checked.some((e) => e.declarationId === id && e.version === 2), { timeout: 5000 }).toBe(true);
    const result = await host.app.get(QueryBus).execute(new CheckDeclarationCertificates(id));
    expect(result).toMatchObject({ declarationId: id, version: 2, checks: [{ certificateId: coo, itemIndex: 1, status: 'ok', drawn: 20 }] });
    const usage = (await call('GET', `/api/certificates/${coo}/usage`, undefined, ['officer'])).body;
    expect(usage.lines[1].draws.find((d: { declarationId: string }) => d.declarationId === id)).toMatchObject({ declarationVersion: 2, quantity: 20 });
  });

  it('checks an e-Phyto against the commodity, and flags unknown, revoked, expired and mismatched certificates', async () => {
    const phyto = await issue('e-phyto', MANGO_PHYTO);
    const revoked = await issue('e-coo', ecoo.data);
    expect((await call('POST', `/api/certificates/${revoked}/revocation`, { reason: 'origin not confirmed' }, ['agency'])).status).toBe(200);
    const permit = await issue('lpco', SAMPLE_LPCO); // valid until 2025-12-31; the goods arrive in 2026
    const id = await lodge(lodgeable([[phyto, 'ECERT-NOWHERE-1', revoked], [permit, coo]], (d) => {
      d.items.push({ ...d.items[0], hsCode: '0804.50.40', description: 'Fresh mangoes', origin: 'MX', quantity: 18000, unit: 'kg', certificateIds: [phyto] });
      d.items[1].origin = 'MX';
      delete d.documents;
    }));
    const statuses = (await checks(id)).checks.map((c: { certificateId: string; itemIndex: number; status: string; reason: string }) => [c.itemIndex, c.certificateId, c.status, c.reason]);
    expect(statuses).toEqual([
      [0, phyto, 'mismatch', expect.stringContaining('no commodity')],
      [0, 'ECERT-NOWHERE-1', 'unknown', expect.any(String)],
      [0, revoked, 'revoked', expect.stringContaining('origin not confirmed')],
      [1, permit, 'expired', expect.stringContaining('2025-12-31')],
      [1, coo, 'mismatch', expect.stringContaining('origin')],
      [2, phyto, 'ok', expect.any(String)],
    ]);
  });

  it('answers bad requests with a 4xx naming the field', async () => {
    expect((await call('GET', '/api/certificates/clearance/not-a-uuid', undefined, ['officer'])).body.field).toBe('declarationId');
    expect((await call('GET', '/api/certificates/clearance/2b1e0d9e-5f5c-4f8e-9d59-1c0f3e0f9a11', undefined, ['officer'])).status).toBe(404);
    expect((await call('GET', '/api/certificates/clearance/2b1e0d9e-5f5c-4f8e-9d59-1c0f3e0f9a11', undefined, null)).status).toBe(401);
    expect((await call('GET', '/api/certificates/ECERT-NOWHERE-2/usage', undefined, ['officer'])).status).toBe(404);
  });
});
