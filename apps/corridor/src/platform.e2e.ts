import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorridorModule } from './corridor.module';

describe.each(testModes())('the Corridor host on $name', (mode) => {
  let host: TestApp;
  beforeAll(async () => {
    host = await startTestApp((config) => CorridorModule.forRoot(config), mode);
  });
  afterAll(async () => host?.close());

  it('reports the database and the queue as up', async () => {
    const response = await fetch(`${host.url}/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.details.database.status).toBe('up');
    expect(body.details.queue).toEqual({ status: 'up', kind: mode.redisUrl ? 'bull' : 'in-process' });
  });

  it('serves an OpenAPI 3 document and its UI', async () => {
    const document = await (await fetch(`${host.url}/api/docs-json`)).json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths['/health']).toBeDefined();
    const ui = await fetch(`${host.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await fetch(`${host.url}/api/no-such-thing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'NOT_FOUND', message: 'Cannot GET /api/no-such-thing' });
  });

  it('tags every response with a request id, keeping a sane one the caller sent', async () => {
    const mine = await fetch(`${host.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('abc-123');
    const hostile = await fetch(`${host.url}/health`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects missing, forged and expired tokens with 401 and accepts a valid one', async () => {
    expect((await fetch(`${host.url}/api/auth/me`)).status).toBe(401);
    const forged = `${host.token('admin').slice(0, -4)}AAAA`;
    expect((await fetch(`${host.url}/api/auth/me`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    expect((await fetch(`${host.url}/api/auth/me`, { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    const me = await fetch(`${host.url}/api/auth/me`, { headers: host.auth('officer') });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ id: 'test-officer', roles: ['officer'] });
  });
});
