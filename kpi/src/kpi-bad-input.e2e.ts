import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, KpiTestHost } from './testing/kpi-test-host';

const pilTime = { key: 'pil-time', name: 'PIL processing time', unit: 's', direction: 'lower', baseline: { value: 90, source: 'timing study' }, targets: { prototype: 60, pilot: 45 } };
const hitRate = { key: 'hit-rate', unit: '%', direction: 'higher', baseline: { value: 20 }, targets: { pilot: 22 } };

describe.each(testModes())('KPI bad input on $name', (mode) => {
  let host: TestApp;
  let initiativeId: string;
  const call = caller(() => host);
  const counts = async () => {
    const portfolio = (await call('GET', '/api/kpi/initiatives')).body as Array<{ id: string; kpiCount: number }>;
    const measurements = await call('GET', `/api/kpi/initiatives/${initiativeId}/measurements?limit=1`);
    return { initiatives: portfolio.length, kpis: portfolio.find((i) => i.id === initiativeId)?.kpiCount, measurements: measurements.headers.get('x-total-count') };
  };

  beforeAll(async () => {
    host = await startTestApp(KpiTestHost.forRoot, mode);
    initiativeId = (await call('POST', '/api/kpi/initiatives', { name: 'Bad input target', phase: 'poc', kpis: [pilTime, hitRate] })).body.id;
  });
  afterAll(async () => host?.close());

  const measurementCases: Array<[string, unknown, string]> = [
    ['an unknown KPI key', { kpi: 'pil-tme', value: 50 }, 'kpi'],
    ['a measurement in the wrong unit', { kpi: 'pil-time', value: 1, unit: 'min' }, 'unit'],
    ['"NaN" as the value', { kpi: 'pil-time', value: 'NaN' }, 'value'],
    ['a numeric string as the value', { kpi: 'pil-time', value: '50' }, 'value'],
    ['a missing value', { kpi: 'pil-time' }, 'value'],
    ['a CI with lo > hi', { kpi: 'pil-time', value: 50, ci95: [55, 45] }, 'ci95'],
    ['a CI that does not contain the value', { kpi: 'pil-time', value: 50, ci95: [51, 60] }, 'ci95'],
    ['a CI with one bound', { kpi: 'pil-time', value: 50, ci95: [45] }, 'ci95'],
    ['a CI bound that is Infinity', '{"kpi":"pil-time","value":50,"ci95":[40,1e999]}', 'ci95[1]'],
    ['an unknown source', { kpi: 'pil-time', value: 50, source: 'guess' }, 'source'],
    ['a fractional n', { kpi: 'pil-time', value: 50, n: 2.5 }, 'n'],
    ['a bad time', { kpi: 'pil-time', value: 50, at: 'yesterday' }, 'at'],
    ['a time next year', { kpi: 'pil-time', value: 50, at: new Date(Date.now() + 400 * 86_400_000).toISOString() }, 'at'],
    ['an unknown field', { kpi: 'pil-time', value: 50, colour: 'red' }, 'colour'],
    ['a bad run id', { kpi: 'pil-time', value: 50, runId: '../../etc' }, 'runId'],
    ['a batch with one bad element', [{ kpi: 'pil-time', value: 50 }, { kpi: 'hit-rate', value: 21, ci95: [22, 25] }], '[1].ci95'],
    ['an empty batch', [], 'body'],
  ];

  it.each(measurementCases)('rejects %s with a 400 naming the field, storing nothing', async (_name, body, field) => {
    const before = await counts();
    const { status, body: error } = await call('POST', `/api/kpi/initiatives/${initiativeId}/measurements`, body);
    expect(status).toBe(400);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('rejects malformed JSON before it reaches the context', async () => {
    const { status, body } = await call('POST', `/api/kpi/initiatives/${initiativeId}/measurements`, '{"kpi":"pil-time","value":NaN}');
    expect(status).toBe(400);
    expect(body.code).toBe('MALFORMED_JSON');
  });

  it('rejects 1e999 (Infinity after JSON.parse) as a value', async () => {
    const { status, body } = await call('POST', `/api/kpi/initiatives/${initiativeId}/measurements`, '{"kpi":"pil-time","value":1e999}');
    expect(status).toBe(400);
    expect(body.field).toBe('value');
    expect(body.message).toContain('finite');
  });

  const kpiCases: Array<[string, Record<string, unknown>, string]> = [
    ['a lower-is-better pilot target above the prototype target', { ...pilTime, key: 'k1', targets: { prototype: 40, pilot: 50 } }, 'targets.pilot'],
    ['a lower-is-better target above the baseline', { ...pilTime, key: 'k2', targets: { prototype: 95 } }, 'targets.prototype'],
    ['a higher-is-better target below the baseline', { ...hitRate, key: 'k3', targets: { pilot: 18 } }, 'targets.pilot'],
    ['a higher-is-better production target below the pilot target', { ...hitRate, key: 'k4', targets: { pilot: 25, production: 23 } }, 'targets.production'],
    ['a target for a phase without a gate', { ...pilTime, key: 'k5', targets: { poc: 80 } }, 'targets.poc'],
    ['a non-numeric target', { ...pilTime, key: 'k6', targets: { pilot: 'fast' } }, 'targets.pilot'],
    ['an unknown direction', { ...pilTime, key: 'k7', direction: 'sideways' }, 'direction'],
    ['a key that is not a slug', { ...pilTime, key: 'PIL Time' }, 'key'],
    ['a missing unit', { ...pilTime, key: 'k8', unit: undefined }, 'unit'],
    ['a baseline that is not finite', { ...pilTime, key: 'k9', baseline: { value: 'NaN' } }, 'baseline.value'],
  ];

  it.each(kpiCases)('rejects a KPI with %s', async (_name, body, field) => {
    const before = await counts();
    const { status, body: error } = await call('POST', `/api/kpi/initiatives/${initiativeId}/kpis`, body);
    expect(status).toBe(400);
    expect(error.field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses a second KPI with the same key with 409', async () => {
    const { status, body } = await call('POST', `/api/kpi/initiatives/${initiativeId}/kpis`, pilTime);
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 'KPI.KEY_TAKEN', field: 'key' });
  });

  it('checks a target change against the direction too, and keeps the unit fixed', async () => {
    expect((await call('PATCH', `/api/kpi/initiatives/${initiativeId}/kpis/pil-time`, { targets: { prototype: 60, pilot: 70 } })).body.field).toBe('targets.pilot');
    expect((await call('PATCH', `/api/kpi/initiatives/${initiativeId}/kpis/pil-time`, { unit: 'min' })).body.field).toBe('unit');
    const ok = await call('PATCH', `/api/kpi/initiatives/${initiativeId}/kpis/pil-time`, { targets: { prototype: 60, pilot: 40 } });
    expect(ok.status).toBe(200);
    expect(ok.body.targets).toEqual({ prototype: 60, pilot: 40 });
    expect((await call('PATCH', `/api/kpi/initiatives/${initiativeId}/kpis/nope`, { name: 'x' })).status).toBe(404);
  });

  it('creates nothing when one KPI of a new initiative is bad', async () => {
    const before = await counts();
    const { status, body } = await call('POST', '/api/kpi/initiatives', { name: 'Half', kpis: [pilTime, { ...hitRate, targets: { pilot: 10 } }] });
    expect(status).toBe(400);
    expect(body.field).toBe('kpis[1].targets.pilot');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a missing name', { description: 'x' }, 'name'],
    ['an unknown phase', { name: 'x', phase: 'beta' }, 'phase'],
    ['starting stopped', { name: 'x', phase: 'stopped' }, 'phase'],
    ['a plan with min > max', { name: 'x', plan: { poc: { min: 90, max: 30 } } }, 'plan.poc.min'],
    ['duplicate KPI keys', { name: 'x', kpis: [pilTime, pilTime] }, 'kpis[1].key'],
    ['an array body', [{ name: 'x' }], 'body'],
  ])('rejects an initiative with %s', async (_name, body, field) => {
    const { status, body: error } = await call('POST', '/api/kpi/initiatives', body);
    expect(status).toBe(400);
    expect(error.field).toBe(field);
  });

  it.each([
    ['an unknown decision', { decision: 'maybe' }, 'decision'],
    ['override on a no-go', { decision: 'no-go', override: true, note: 'x' }, 'override'],
    ['stop on a go', { decision: 'go', stop: true }, 'stop'],
    ['override as a string', { decision: 'go', override: 'yes', note: 'x' }, 'override'],
  ])('rejects a decision with %s', async (_name, body, field) => {
    const { status, body: error } = await call('POST', `/api/kpi/initiatives/${initiativeId}/advance`, body);
    expect(status).toBe(400);
    expect(error.field).toBe(field);
    expect((await call('GET', `/api/kpi/initiatives/${initiativeId}/decisions`)).body).toEqual([]);
  });

  it.each([
    ['a CI not containing the mean', { kpis: { 'pil-time': { mean: 50, ci95: [51, 55] } } }, 'kpis.pil-time.ci95'],
    ['a NaN mean', { kpis: { 'pil-time': { mean: 'NaN' } } }, 'kpis.pil-time.mean'],
    ['an unknown initiative', { initiativeId: '2b1e0d9e-5f5c-4f8e-9d59-1c0f3e0f9a11', kpis: { 'pil-time': { mean: 50 } } }, 'initiativeId'],
    ['a series holding Infinity', '{"runId":"r-inf","scenario":"s","kpis":{"pil-time":{"mean":50}},"series":[1,2,1e999]}', 'series[2]'],
    ['no kpis', { kpis: undefined }, 'kpis'],
  ])('rejects a run with %s', async (_name, body, field) => {
    const run = typeof body === 'string' ? body : { runId: `r-${field.replace(/[^a-z]/g, '')}`, initiativeId, scenario: 's', ...body };
    const { status, body: error } = await call('POST', '/api/kpi/runs', run);
    expect(status).toBe(400);
    expect(error.field).toBe(field);
  });

  it.each([
    ['a lane event without passage or truck', { type: 'arrival', at: '2026-01-05T08:00:00Z' }, 'passageId'],
    ['an unknown type', { type: 'teleport', passageId: 'p', at: '2026-01-05T08:00:00Z' }, 'type'],
    ['a bad time', { type: 'arrival', passageId: 'p', at: 'soon' }, 'at'],
  ])('rejects a TRS event with %s', async (_name, body, field) => {
    const { status, body: error } = await call('POST', '/api/kpi/trs/events', body);
    expect(status).toBe(400);
    expect(error.field).toBe(field);
  });

  it('rejects a TRS window that is reversed or too long for its bucket', async () => {
    expect((await call('GET', '/api/kpi/trs?from=2026-01-05T00:00:00Z&to=2026-01-04T00:00:00Z')).body.field).toBe('from');
    expect((await call('GET', '/api/kpi/trs?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=hour')).body.field).toBe('from');
    expect((await call('GET', '/api/kpi/trs?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=day')).status).toBe(200);
  });
});
