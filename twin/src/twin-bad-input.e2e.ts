import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telemetryJsonl, type TelemetryEvent } from './engine/twin-engine';
import { caller, simulatedTelemetry, sortedLines, TWIN_TEST_ENV, TwinTestHost } from './testing/twin-test-host';

const NDJSON = 'application/x-ndjson';
const WIDE = `from=${new Date(Date.now() - 2 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}`;

/** A good file with line `n` (1-based) replaced. */
function withLine(lines: string[], n: number, replacement: string): string {
  return lines.map((line, i) => (i === n - 1 ? replacement : line)).join('\n');
}

describe.each(testModes())('digital twin bad input on $name', (mode) => {
  let host: TestApp;
  let baseline: TelemetryEvent[];
  let good: string[];
  const call = caller(() => host);
  const stored = async () => {
    const response = await call('GET', `/api/twin/telemetry?${WIDE}`, undefined, { roles: ['engineer'] });
    return { count: response.headers.get('x-total-count'), lines: sortedLines(response.body) };
  };

  beforeAll(async () => {
    host = await startTestApp(TwinTestHost.forRoot, mode, TWIN_TEST_ENV);
    baseline = simulatedTelemetry(8, 11);
    // A second, small file of other trucks, for the cases that corrupt one of its lines.
    good = telemetryJsonl(simulatedTelemetry(1, 12).map((e) => ({ ...e, truckId: `X${e.truckId}` })).slice(0, 40)).trimEnd().split('\n');
  });
  afterAll(async () => host?.close());

  describe('before any telemetry', () => {
    it.each([
      ['GET', '/api/twin/forecast'],
      ['GET', '/api/twin/scenario'],
      ['GET', '/api/twin/accuracy'],
      ['POST', '/api/twin/what-if'],
    ])('%s %s answers 404 saying how to get a forecast', async (method, path) => {
      const { status, body } = await call(method, path, undefined, { roles: ['officer'] });
      expect(status).toBe(404);
      expect(body).toMatchObject({ code: 'TWIN.NO_FORECAST', message: expect.stringContaining('POST /api/twin/forecast') });
    });

    it('refuses to refresh on too little telemetry with a 422 saying why, and stores no forecast', async () => {
      expect((await call('POST', '/api/twin/telemetry', good.slice(0, 12).join('\n'), { type: NDJSON, roles: ['engineer'] })).status).toBe(201);
      const { status, body } = await call('POST', '/api/twin/forecast', undefined, { roles: ['officer'] });
      expect(status).toBe(422);
      expect(body.code).toBe('TWIN.TOO_LITTLE_TELEMETRY');
      expect(body.message).toMatch(/too little telemetry/);
      expect((await call('GET', '/api/twin/forecast')).status).toBe(404);
    });

    it('stores a good baseline', async () => {
      const { status, body } = await call('POST', '/api/twin/telemetry', telemetryJsonl(baseline), { type: 'text/plain', roles: ['engineer'] });
      expect(status).toBe(201);
      expect(body.imported).toBe(baseline.length);
    });
  });

  describe('imports', () => {
    let before: { count: string | null; lines: string[] };
    beforeAll(async () => {
      before = await stored();
    });

    const cases: Array<[string, () => string, number | 'end', string]> = [
      ['a malformed JSON line', () => withLine(good, 3, '{"type":"pil_start","truckId":'), 3, ''],
      ['an unknown event type', () => withLine(good, 2, JSON.stringify({ ...JSON.parse(good[1]), type: 'teleport' })), 2, 'type'],
      ['a time that is not ISO 8601', () => withLine(good, 5, JSON.stringify({ ...JSON.parse(good[4]), at: 'yesterday' })), 5, 'at'],
      ['a lane id longer than a lane id can be', () => withLine(good, 4, JSON.stringify({ ...JSON.parse(good[3]), laneId: 'L'.repeat(100) })), 4, 'laneId'],
      ['a line that is an array', () => withLine(good, 1, '[1,2]'), 1, ''],
      ['an end before its start', () => [
        ...good,
        JSON.stringify({ type: 'pil_start', truckId: 'Z1', laneId: 'commercial-1', at: new Date(Date.now() - 600_000).toISOString() }),
        JSON.stringify({ type: 'pil_end', truckId: 'Z1', laneId: 'commercial-1', at: new Date(Date.now() - 900_000).toISOString() }),
      ].join('\n'), 'end', 'at'],
    ];

    it.each(cases)('rejects %s with a 422 naming the line and field, storing nothing', async (_name, file, at, field) => {
      const line = at === 'end' ? good.length + 1 : at;
      const { status, body } = await call('POST', '/api/twin/telemetry', file(), { type: NDJSON, roles: ['engineer'] });
      expect(status).toBe(422);
      expect(body.code).toBe('TWIN.INVALID_TELEMETRY');
      expect(body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ line: expect.any(Number), message: expect.any(String) })]));
      const lines = body.issues.map((i: { line: number }) => i.line);
      expect(lines.some((l: number) => Math.abs(l - line) <= 1)).toBe(true);
      if (field) expect(body.issues.map((i: { field: string }) => i.field)).toContain(field);
      expect(body.message).toMatch(/nothing was imported/);
      expect(await stored()).toEqual(before);
    });

    it('lists the first 50 issues of a file with many bad lines and counts them all', async () => {
      const file = Array.from({ length: 120 }, (_, i) => `{"type":"nope","truckId":"B${i}","at":"2026-11-25T08:00:00Z"}`).join('\n');
      const { status, body } = await call('POST', '/api/twin/telemetry', file, { type: NDJSON, roles: ['engineer'] });
      expect(status).toBe(422);
      expect(body.issues).toHaveLength(50);
      expect(body.issueCount).toBe(120);
      expect(body.field).toBe('line 1');
    });

    it.each([
      ['an empty body', ''],
      ['only blank lines', '\n  \n\n'],
    ])('rejects %s with a 400 naming the body', async (_name, text) => {
      const { status, body } = await call('POST', '/api/twin/telemetry', text, { type: NDJSON, roles: ['engineer'] });
      expect(status).toBe(400);
      expect(body).toMatchObject({ code: 'TWIN.EMPTY_TELEMETRY', field: 'body' });
    });

    it.each([
      ['JSON', 'application/json', JSON.stringify({ type: 'pil_start', truckId: 'T1', at: '2026-11-25T08:00:00Z' })],
      ['CSV', 'text/csv', 'type,truckId,at\npil_start,T1,2026-11-25T08:00:00Z'],
      ['no content type', null, '{"type":"pil_start","truckId":"T1","at":"2026-11-25T08:00:00Z"}'],
    ])('rejects %s as the content type with a 415', async (_name, type, text) => {
      const { status, body } = await call('POST', '/api/twin/telemetry', text, { type, roles: ['engineer'] });
      expect(status).toBe(415);
      expect(typeof body.code).toBe('string');
    });

    it('rejects a body over 20 MB with a 413', async () => {
      const line = `${good[0]}\n`;
      const { status, body } = await call('POST', '/api/twin/telemetry', line.repeat(Math.ceil(21_000_000 / line.length)), { type: NDJSON, roles: ['engineer'] });
      expect(status).toBe(413);
      expect(body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(body.message).toContain('20 MB');
    });

    it('lets only engineers and managers import, and only signed-in callers read', async () => {
      expect((await call('POST', '/api/twin/telemetry', good.join('\n'), { type: NDJSON, roles: ['trader'] })).status).toBe(403);
      expect((await call('GET', '/api/twin/telemetry', undefined, { roles: ['trader'] })).status).toBe(403);
      expect((await fetch(`${host.url}/api/twin/state`)).status).toBe(401);
      expect((await call('POST', '/api/twin/forecast', undefined, { roles: ['trader'] })).status).toBe(403);
    });

    it('lost nothing already stored', async () => {
      expect(await stored()).toEqual(before);
      expect(before.lines).toEqual(expect.arrayContaining(sortedLines(telemetryJsonl(baseline))));
    });
  });

  describe('queries and bodies', () => {
    it.each([
      ['/api/twin/telemetry?from=yesterday', 'from'],
      ['/api/twin/telemetry?to=2026-13-45T00:00:00Z', 'to'],
      [`/api/twin/telemetry?from=${new Date().toISOString()}&to=${new Date(Date.now() - 3_600_000).toISOString()}`, 'to'],
      ['/api/twin/telemetry?from=2026-11-20T00:00:00Z&from=2026-11-21T00:00:00Z', 'from'],
      ['/api/twin/telemetry?limit=10', 'limit'],
      ['/api/twin/state?at=noon', 'at'],
      [`/api/twin/state?at=${new Date(Date.now() + 3 * 86_400_000).toISOString()}`, 'at'],
    ])('GET %s answers 400 naming %s', async (path, field) => {
      const { status, body } = await call('GET', path, undefined, { roles: ['engineer'] });
      expect(status).toBe(400);
      expect(body.field).toBe(field);
      expect(body.message).toContain(field);
    });

    it('refreshes once there is enough telemetry, leaving out a truck whose visits from two files contradict each other', async () => {
      // Each file is valid on its own; together truck T1 has two PIL starts (a reused id).
      const clash = JSON.stringify({ type: 'pil_start', truckId: 'T1', laneId: 'commercial-1', at: new Date(Date.now() - 30 * 86_400_000).toISOString() });
      expect((await call('POST', '/api/twin/telemetry', clash, { type: 'text/plain', roles: ['engineer'] })).status).toBe(201);
      const { status, body } = await call('POST', '/api/twin/forecast', undefined, { roles: ['engineer'] });
      expect(body.message ?? '').toBe('');
      expect(status).toBe(201);
    });

    it.each([
      ['hours below 15 minutes', { hours: 0.1 }, 'hours'],
      ['hours over a day', { hours: 25 }, 'hours'],
      ['hours as a string', { hours: '3' }, 'hours'],
      ['a target of 0', { target_wait_s: 0 }, 'target_wait_s'],
      ['a negative target', { target_wait_s: -60 }, 'target_wait_s'],
      ['an unknown field', { hours: 2, colour: 'red' }, 'colour'],
      ['an array', [1, 2], 'body'],
    ])('POST /api/twin/what-if with %s answers 400 naming the field', async (_name, input, field) => {
      const { status, body } = await call('POST', '/api/twin/what-if', input, { roles: ['officer'] });
      expect(status).toBe(400);
      expect(body.field).toBe(field);
      expect(body.message).toContain(field);
    });

    it('refuses a body on POST /api/twin/forecast', async () => {
      const { status, body } = await call('POST', '/api/twin/forecast', { hours: 5 }, { roles: ['officer'] });
      expect(status).toBe(400);
      expect(body.field).toBe('body');
    });
  });
});
