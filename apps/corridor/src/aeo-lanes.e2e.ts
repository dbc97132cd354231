import { TrustedStatusProvider } from '@corridor/lanes';
import type { Role } from '@corridor/platform';
import { startTestApp, type TestApp } from '@corridor/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorridorModule } from './corridor.module';

/** The lanes take an AEO carrier's trust from the e-cert context's AEO registry, live. */
describe('AEO status at the booth', () => {
  let host: TestApp;
  const call = async (method: string, path: string, body: unknown, role: Role) => {
    const response = await fetch(`${host.url}${path}`, { method, headers: { ...host.auth(role), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    host = await startTestApp((config) => CorridorModule.forRoot(config));
  });
  afterAll(async () => host?.close());

  it('trusts a granted AEO and stops trusting it once an administration suspends it', async () => {
    const epc = '3034257BF7194E4000007777';
    const operator = await call('POST', '/api/aeo/operators', { administration: 'US', operatorId: 'US777000111', name: 'Lakeshore Haulage LLC', status: 'granted' }, 'officer');
    expect(operator.status).toBe(201);
    const carrier = await call('POST', '/api/trusted-traders/carriers', { name: 'Lakeshore Haulage LLC', traderId: 'US777000111', programme: 'AEO', transponders: [epc], plates: [{ jurisdiction: 'US-MI', number: 'LKS 101' }] }, 'admin');
    expect(carrier.status).toBe(201);

    const trust = host.app.get(TrustedStatusProvider);
    expect(await trust.byTransponder(epc)).toMatchObject({ status: 'active', programme: 'AEO' });

    const suspended = await call('POST', `/api/aeo/operators/${operator.body.id}/status`, { status: 'suspended', reason: 'security audit findings' }, 'officer');
    expect(suspended.status).toBe(200);
    const now = await trust.byPlate('US-MI:LKS101');
    expect(now).toMatchObject({ status: 'suspended' });
    expect(now?.statusReason).toMatch(/AEO suspended by US.*security audit findings/);
  });

  it('does not trust an AEO carrier the registry does not know', async () => {
    const epc = '3034257BF7194E4000008888';
    await call('POST', '/api/trusted-traders/carriers', { name: 'Unknown Lines Inc', traderId: 'US999000222', programme: 'AEO', transponders: [epc], plates: [{ jurisdiction: 'US-OH', number: 'UNK 1' }] }, 'admin');
    expect(await host.app.get(TrustedStatusProvider).byTransponder(epc)).toMatchObject({ status: 'suspended', statusReason: 'US999000222 is not in the AEO registry' });
  });
});
