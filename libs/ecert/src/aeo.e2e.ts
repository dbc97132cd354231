import { EventBus, QueryBus, ofType } from '@nestjs/cqrs';
import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { request } from 'node:http';
import type { Subscription } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AeoStatusChanged } from './events';
import { GetTrustedStatus } from './get-aeo-status/get-aeo-status.query';
import { caller, EcertTestHost } from './testing/ecert-host';

interface FeedEvent {
  id?: string;
  event?: string;
  data: Record<string, unknown>;
}

/** Reads server-sent events from GET /api/aeo/feed until closed (node:http, so closing drops the connection at once). */
function openFeed(host: TestApp, query: string, headers: Record<string, string> = {}) {
  const events: FeedEvent[] = [];
  let buffer = '';
  const req = request(`${host.url}/api/aeo/feed?${query}`, { headers: { ...host.auth('officer'), ...headers } });
  req.on('error', () => undefined);
  req.on('response', (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: FeedEvent = { data: {} };
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(':');
          const value = rest.join(':').trimStart();
          if (field === 'id') event.id = value;
          else if (field === 'event') event.event = value;
          else if (field === 'data') event.data = JSON.parse(value);
        }
        if (event.event) events.push(event);
      }
    });
  });
  req.end();
  return { events, close: async () => void req.destroy() };
}

describe.each(testModes())('the AEO registry on $name', (mode) => {
  let host: TestApp;
  const call = caller(() => host);
  const published: AeoStatusChanged[] = [];
  let subscription: Subscription;

  beforeAll(async () => {
    host = await startTestApp(EcertTestHost.forRoot, mode);
    subscription = host.app.get(EventBus).pipe(ofType(AeoStatusChanged)).subscribe((event) => published.push(event));
  });
  afterAll(async () => {
    subscription?.unsubscribe();
    await host?.close();
  });

  it('shares status changes with MRA partners as they happen, and answers "was X an AEO at T?"', async () => {
    const registered = await call('POST', '/api/aeo/operators', { administration: 'CA', operatorId: 'CA 876543210', name: 'Windsor Precision Castings Ltd', status: 'granted' }, ['officer']);
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ administration: 'CA', operatorId: 'CA876543210', programme: 'AEO', status: 'granted' });
    const arrangement = await call('POST', '/api/aeo/arrangements', { administrations: ['US', 'CA'], name: 'CA-US AEO MRA' });
    expect(arrangement.status).toBe(201);
    expect(arrangement.body.administrations).toEqual(['CA', 'US']);

    const us = openFeed(host, 'administration=US');
    const mx = openFeed(host, 'administration=MX');
    await expect.poll(() => us.events.length > 0 && mx.events.length > 0, { timeout: 5000 }).toBe(true);
    expect(us.events[0]).toMatchObject({ event: 'ready', data: { administration: 'US' } });

    const grantedAt = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const suspended = await call('POST', `/api/aeo/operators/${registered.body.id}/status`, { status: 'suspended', reason: 'security audit findings' }, ['officer']);
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', reason: 'security audit findings' });
    expect(published.map((e) => e.status)).toEqual(['granted', 'suspended']);

    await expect.poll(() => us.events.filter((e) => e.event === 'aeo-status').length, { timeout: 3000 }).toBe(1);
    expect(us.events[1]).toMatchObject({ event: 'aeo-status', id: String(published[1].seq), data: { operatorId: 'CA876543210', administration: 'CA', status: 'suspended', previousStatus: 'granted', reason: 'security audit findings' } });
    // Mexico has no arrangement with Canada: it sees nothing.
    await new Promise((r) => setTimeout(r, 100));
    expect(mx.events.filter((e) => e.event === 'aeo-status')).toHaveLength(0);

    // Resuming after the ready cursor replays what was missed.
    const resumed = openFeed(host, 'administration=US', { 'last-event-id': String(us.events[0].data['cursor']) });
    await expect.poll(() => resumed.events.filter((e) => e.event === 'aeo-status').length, { timeout: 3000 }).toBe(1);
    await Promise.all([us.close(), mx.close(), resumed.close()]);

    const past = await call('GET', `/api/aeo/operators/CA876543210/status?at=${grantedAt}&asSeenBy=US`, undefined, ['officer']);
    expect(past.body).toMatchObject({ aeo: true, status: 'granted', programme: 'AEO', administration: 'CA', since: registered.body.since });
    const now = await call('GET', '/api/aeo/operators/CA876543210/status?asSeenBy=US', undefined, ['officer']);
    expect(now.body).toMatchObject({ aeo: false, status: 'suspended', since: suspended.body.since, reason: 'security audit findings' });
    const notPartner = await call('GET', `/api/aeo/operators/CA876543210/status?at=${grantedAt}&asSeenBy=MX`, undefined, ['officer']);
    expect(notPartner.body).toMatchObject({ aeo: false, status: 'unknown', since: null, programme: null });
    const before = await call('GET', '/api/aeo/operators/CA876543210/status?at=2000-01-01T00:00:00Z', undefined, ['officer']);
    expect(before.body).toMatchObject({ aeo: false, status: 'unknown' });
  });

  it('feeds the lanes trusted-trader status across programmes (GetTrustedStatus)', async () => {
    await call('POST', '/api/aeo/operators', { administration: 'US', operatorId: 'US555000111', name: 'Motor City Haulage', programme: 'FAST', since: '2024-01-01T00:00:00Z' }, ['admin']);
    await call('POST', '/api/aeo/operators', { administration: 'US', operatorId: 'US555000111', name: 'Motor City Haulage', programme: 'AEO', status: 'suspended', reason: 'pending review' }, ['admin']);
    const queries = host.app.get(QueryBus);
    const trusted = await queries.execute(new GetTrustedStatus('US555000111'));
    expect(trusted).toMatchObject({ operatorId: 'US555000111', trusted: true });
    expect(trusted.programmes.map((p) => [p.programme, p.status]).sort()).toEqual([['AEO', 'suspended'], ['FAST', 'granted']]);
    expect((await queries.execute(new GetTrustedStatus('US555000111', '2023-06-01T00:00:00Z'))).trusted).toBe(false);
    expect((await queries.execute(new GetTrustedStatus('US555000111', undefined, 'MX'))).programmes).toEqual([]);
    const ambiguous = await call('POST', '/api/aeo/operators/US555000111/status', { status: 'revoked', reason: 'x' }, ['admin']);
    expect(ambiguous.body.field).toBe('programme');
    const byOperatorId = await call('POST', '/api/aeo/operators/US555000111/status', { status: 'revoked', reason: 'fraud', programme: 'FAST' }, ['admin']);
    expect(byOperatorId.body).toMatchObject({ programme: 'FAST', status: 'revoked' });
    expect(byOperatorId.body.history.map((h: { status: string }) => h.status)).toEqual(['granted', 'revoked']);
    const listed = await call('GET', '/api/aeo/operators?asSeenBy=CA', undefined, ['officer']);
    expect(listed.body.map((o: { operatorId: string }) => o.operatorId)).toEqual(expect.arrayContaining(['CA876543210', 'US555000111']));
  });

  it('answers bad input with a 4xx naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ administration: 'QQ', operatorId: 'CA1', name: 'x' }, 'administration'],
      [{ administration: 'CA', operatorId: '12', name: 'x' }, 'operatorId'],
      [{ administration: 'CA', operatorId: 'CA12', name: 'x', status: 'approved' }, 'status'],
      [{ administration: 'CA', operatorId: 'CA12', name: 'x', programme: 'CTPAT' }, 'programme'],
      [{ administration: 'CA', operatorId: 'CA12' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const response = await call('POST', '/api/aeo/operators', body, ['officer']);
      expect(response.status, field).toBe(400);
      expect(response.body.field).toBe(field);
    }
    expect((await call('POST', '/api/aeo/operators', { administration: 'CA', operatorId: 'CA876543210', name: 'again' }, ['officer'])).status).toBe(409);
    expect((await call('POST', '/api/aeo/operators', { administration: 'CA', operatorId: 'CA12', name: 'x' }, ['trader'])).status).toBe(403);
    expect((await call('POST', '/api/aeo/operators/CA876543210/status', { status: 'revoked', reason: 7 }, ['officer'])).body.field).toBe('reason');
    expect((await call('POST', '/api/aeo/operators/CA876543210/status', { status: 'expired' }, ['officer'])).body.field).toBe('status');
    expect((await call('POST', '/api/aeo/operators/CA876543210/status', { status: 'suspended', reason: 'again' }, ['officer'])).status).toBe(409);
    expect((await call('POST', '/api/aeo/operators/CA000000000/status', { status: 'revoked', reason: 'x' }, ['officer'])).status).toBe(404);
    expect((await call('POST', '/api/aeo/arrangements', { administrations: ['CA', 'CA'] })).body.field).toBe('administrations[1]');
    expect((await call('POST', '/api/aeo/arrangements', { administrations: ['CA', 'US'] })).status).toBe(409);
    expect((await call('GET', '/api/aeo/operators/CA876543210/status?at=yesterday', undefined, ['officer'])).body.field).toBe('at');
    expect((await call('GET', '/api/aeo/operators/CA876543210/status?asSeenBy=XX', undefined, ['officer'])).body.field).toBe('asSeenBy');
    expect((await call('GET', '/api/aeo/operators/1/status', undefined, ['officer'])).body.field).toBe('operatorId');
    expect((await call('GET', '/api/aeo/feed', undefined, ['officer'])).body.field).toBe('administration');
    expect((await call('GET', '/api/aeo/feed?administration=US&after=x', undefined, ['officer'])).body.field).toBe('after');
    expect((await call('GET', '/api/aeo/feed?administration=US', undefined, null)).status).toBe(401);
  });
});
