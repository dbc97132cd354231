import { startTestApp, type TestApp } from '@corridor/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorridorModule } from './corridor.module';

/**
 * Walks every route of the live OpenAPI document, so each endpoint a context adds is covered
 * without listing it here: malformed, oversized and wrongly typed bodies and garbage path and
 * query parameters must get a 4xx JSON error, never a 5xx or a stack trace.
 */
describe('hostile input on every route', () => {
  let host: TestApp;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    host = await startTestApp((config) => CorridorModule.forRoot(config));
    const document = await (await fetch(`${host.url}/api/docs-json`)).json();
    routes = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(async () => host?.close());

  const garbageParams = ['%00', '..%2F..%2Fetc%2Fpasswd', "1'%20OR%20'1'='1", '-1', '99999999999999999999999', 'NaN', 'x'.repeat(600)];
  const bodies: Array<[string, string, string]> = [
    ['malformed JSON', '{"a": ', 'application/json'],
    ['a JSON array', '[1,2,3]', 'application/json'],
    ['a JSON string', '"hello"', 'application/json'],
    ['a JSON number', '12345678901234567890e400', 'application/json'],
    ['null', 'null', 'application/json'],
    ['wrong types everywhere', JSON.stringify({ id: [], name: 42, items: 'x', value: { amount: {}, currency: 7 }, at: true, __proto__: { admin: true } }), 'application/json'],
    ['a prototype-pollution attempt', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', 'application/json'],
    ['deep nesting', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, 'application/json'],
    ['a body over 1 MB', JSON.stringify({ blob: 'x'.repeat(1_100_000) }), 'application/json'],
    ['text instead of JSON', 'lorem ipsum', 'text/plain'],
  ];

  function concrete(path: string, value: string): string {
    return path.replace(/\{[^}]+\}/g, value);
  }

  it('has routes to attack', () => {
    expect(routes).toEqual(expect.arrayContaining([{ method: 'GET', path: '/health' }, { method: 'GET', path: '/api/auth/me' }]));
  });

  it('never answers 5xx to garbage path and query parameters', async () => {
    const failures: string[] = [];
    for (const { method, path } of routes) {
      for (const value of garbageParams) {
        const url = `${host.url}${concrete(path, value)}?index=${value}&size=${value}&from=${value}&to=${value}&page=${value}&limit=${value}&plate=${value}`;
        const response = await fetch(url, { method, headers: { ...host.auth('admin'), 'content-type': 'application/json' }, body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
        const text = await response.text();
        if (response.status >= 500 || /at \S+ \(.*:\d+:\d+\)/.test(text)) failures.push(`${method} ${path} [${value.slice(0, 20)}] -> ${response.status} ${text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers hostile bodies with a 4xx JSON error', async () => {
    const failures: string[] = [];
    for (const { method, path } of routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))) {
      for (const [name, body, type] of bodies) {
        const response = await fetch(`${host.url}${concrete(path, 'x1')}`, { method, headers: { ...host.auth('admin'), 'content-type': type }, body });
        const text = await response.text();
        let json: { code?: unknown };
        try {
          json = JSON.parse(text);
        } catch {
          json = {};
        }
        if (response.status < 400 || response.status >= 500 || typeof json.code !== 'string') failures.push(`${method} ${path} with ${name} -> ${response.status} ${text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers a body over 1 MB with 413 and malformed JSON with 400', async () => {
    const post = routes.find((r) => r.method === 'POST');
    const path = post ? concrete(post.path, 'x1') : '/api/auth/me';
    const large = await fetch(`${host.url}${path}`, { method: 'POST', headers: { ...host.auth('admin'), 'content-type': 'application/json' }, body: JSON.stringify({ blob: 'x'.repeat(1_100_000) }) });
    expect(large.status).toBe(413);
    expect((await large.json()).code).toBe('PAYLOAD_TOO_LARGE');
    const malformed = await fetch(`${host.url}${path}`, { method: 'POST', headers: { ...host.auth('admin'), 'content-type': 'application/json' }, body: '{"a":' });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe('MALFORMED_JSON');
  });
});
