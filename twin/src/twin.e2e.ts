import { EventBus, QueryBus } from '@nestjs/cqrs';
import { ListLanes, PassageDecided, PassageExited, PassageOpened, type Lane } from '@corridor/lanes';
import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telemetryJsonl, type TelemetryEvent } from './engine/twin-engine';
import { TWIN_INITIATIVE_NAME } from './publish-accuracy/accuracy-publisher';
import { ForecastRefresher } from './refresh-forecast/forecast-refresher';
import { caller, eventually, simulatedTelemetry, sortedLines, TWIN_TEST_ENV, TwinTestHost } from './testing/twin-test-host';

const HOUR = 3_600_000;
const NDJSON = 'application/x-ndjson';

interface BandShape { mean: number; p50: number; pi80: [number, number]; pi95: [number, number]; n: number }

function expectNested(band: BandShape | null) {
  if (band === null) return;
  expect(band.pi95[0]).toBeLessThanOrEqual(band.pi80[0]);
  expect(band.pi80[0]).toBeLessThanOrEqual(band.pi80[1]);
  expect(band.pi80[1]).toBeLessThanOrEqual(band.pi95[1]);
}

describe.each(testModes())('digital twin on $name', (mode) => {
  let host: TestApp;
  let day: TelemetryEvent[];
  let window: { from: string; to: string };
  const call = caller(() => host);
  const exportWindow = () => call('GET', `/api/twin/telemetry?from=${window.from}&to=${window.to}`, undefined, { roles: ['engineer'] });

  beforeAll(async () => {
    host = await startTestApp(TwinTestHost.forRoot, mode, TWIN_TEST_ENV);
    day = simulatedTelemetry(24, 7);
    const times = day.map((e) => Date.parse(e.at));
    window = { from: new Date(Math.min(...times.slice(0, 50))).toISOString(), to: new Date(Math.max(...times.slice(-50)) + 1).toISOString() };
  });
  afterAll(async () => host?.close());

  it('imports a simulated day of telemetry and streams it back as the same JSON lines', async () => {
    const imported = await call('POST', '/api/twin/telemetry', telemetryJsonl(day), { type: NDJSON, roles: ['engineer'] });
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual({ received: day.length, imported: day.length, from: window.from, to: new Date(Date.parse(window.to) - 1).toISOString() });

    const exported = await exportWindow();
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(exported.headers.get('x-total-count')).toBe(String(day.length));
    expect(exported.headers.get('x-telemetry-truncated')).toBeNull();
    expect(sortedLines(exported.body)).toEqual(sortedLines(telemetryJsonl(day)));
  });

  it('stores nothing new when the same file is imported again', async () => {
    const again = await call('POST', '/api/twin/telemetry', telemetryJsonl(day), { type: 'application/jsonl', roles: ['engineer'] });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ received: day.length, imported: 0 });
    expect((await exportWindow()).headers.get('x-total-count')).toBe(String(day.length));
  });

  it('shows the live state the telemetry implies, lane by lane', async () => {
    const { status, body } = await call('GET', '/api/twin/state', undefined, { roles: ['officer'] });
    expect(status).toBe(200);
    expect(Date.parse(body.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.lanes.map((l: { laneId: string }) => l.laneId)).toEqual(expect.arrayContaining(['commercial-1', 'fast-1']));
    const earlier = await call('GET', `/api/twin/state?at=${new Date(Date.now() - 5 * HOUR).toISOString()}`, undefined, { roles: ['officer'] });
    expect(earlier.status).toBe(200);
  });

  it('refreshes a forecast on request: bands per bucket with the 80% interval inside the 95% one', async () => {
    const { status, body } = await call('POST', '/api/twin/forecast', undefined, { roles: ['officer'] });
    expect(status).toBe(201);
    expect(body.hours).toBe(3);
    expect(body.forecast).toMatchObject({ hours: 3, replications: 8, bucket_minutes: 15, action: 'none' });
    expect(body.forecast.points.length).toBeGreaterThanOrEqual(12);
    for (const point of body.forecast.points) {
      expectNested(point.queue_length);
      expectNested(point.wait_s);
      expectNested(point.throughput_per_hour);
    }
    expect(body.forecast.points.some((p: { wait_s: unknown }) => p.wait_s !== null)).toBe(true);
  });

  it('serves the latest forecast with what actually happened from 3 h before its state', async () => {
    const refreshed = (await call('POST', '/api/twin/forecast', undefined, { roles: ['engineer'] })).body;
    const { status, body } = await call('GET', '/api/twin/forecast', undefined, { roles: ['officer'] });
    expect(status).toBe(200);
    expect(body.id).toBe(refreshed.id);
    expect(body.forecast.points).toEqual(refreshed.forecast.points);
    expect(body.actual.length).toBeGreaterThanOrEqual(12);
    expect(Date.parse(body.actual[0].at)).toBeLessThanOrEqual(Date.parse(body.state_at) - 3 * HOUR + 1);
    expect(body.actual.some((a: { throughput_per_hour: number }) => a.throughput_per_hour > 0)).toBe(true);
  });

  it('serves the calibrated scenario as YAML, and as JSON with its report', async () => {
    const yaml = await call('GET', '/api/twin/scenario', undefined, { roles: ['officer'] });
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/^text\/yaml/);
    expect(yaml.body).toMatch(/^# Calibrated by the digital twin/);
    expect(yaml.body).toMatch(/\nname: /);
    const json = await call('GET', '/api/twin/scenario', undefined, { roles: ['officer'], accept: 'application/json' });
    expect(json.body).toMatchObject({ yaml: expect.stringContaining('lanes'), report: { events: expect.any(Number), lanes: expect.any(Array) } });
  });

  it('recommends an action for a wait target from the live state', async () => {
    const { status, body } = await call('POST', '/api/twin/what-if', { hours: 2, target_wait_s: 300 }, { roles: ['officer'] });
    expect(status).toBe(200);
    expect(body).toMatchObject({ target_wait_s: 300, hours: 2, recommended: expect.any(String), reason: expect.any(String) });
    expect(body.options.map((o: { action: string }) => o.action)).toContain('none');
    expect(body.options.map((o: { action: string }) => o.action)).toContain(body.recommended);
    const defaults = await call('POST', '/api/twin/what-if', undefined, { roles: ['officer'] });
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({ target_wait_s: 600, hours: 3 });
  });

  it('scores an earlier forecast at the next refresh and publishes its accuracy to the KPI context', async () => {
    // A forecast made 2 h ago (from the telemetry known then) has 2 h of buckets to score now.
    await host.app.get(ForecastRefresher).refresh(new Date(Date.now() - 2 * HOUR));
    expect((await call('POST', '/api/twin/forecast', undefined, { roles: ['officer'] })).status).toBe(201);

    const { status, body } = await call('GET', '/api/twin/accuracy', undefined, { roles: ['officer'] });
    expect(status).toBe(200);
    expect(body.forecasts).toBeGreaterThanOrEqual(1);
    expect(body.overall.n).toBeGreaterThan(0);
    expect(body.overall.wait_mae_s).toBeGreaterThanOrEqual(0);
    expect(body.overall.pi80_coverage).toBeGreaterThanOrEqual(0);
    expect(body.overall.pi95_coverage).toBeGreaterThanOrEqual(body.overall.pi80_coverage);
    expect(body.by_horizon[0].minutes_ahead).toBe(15);

    const portfolio = (await call('GET', '/api/kpi/initiatives')).body as Array<{ id: string; name: string }>;
    const twin = portfolio.filter((i) => i.name === TWIN_INITIATIVE_NAME);
    expect(twin).toHaveLength(1);
    const initiative = (await call('GET', `/api/kpi/initiatives/${twin[0].id}`)).body;
    const kpis = Object.fromEntries(initiative.kpis.map((k: { key: string }) => [k.key, k]));
    expect(Object.keys(kpis).sort()).toEqual(['twin_pi80_coverage', 'twin_pi95_coverage', 'twin_queue_mae', 'twin_wait_mae_s']);
    expect(kpis.twin_wait_mae_s).toMatchObject({ unit: 's', direction: 'lower', latest: { value: body.overall.wait_mae_s, source: 'live' } });
    expect(kpis.twin_pi80_coverage).toMatchObject({ unit: 'ratio', direction: 'higher', targets: { pilot: 0.8 }, latest: { value: body.overall.pi80_coverage } });
    expect(kpis.twin_pi95_coverage).toMatchObject({ unit: 'ratio', targets: { pilot: 0.95 }, latest: { value: body.overall.pi95_coverage } });

    // A further refresh publishes again into the same initiative.
    expect((await call('POST', '/api/twin/forecast', undefined, { roles: ['officer'] })).status).toBe(201);
    expect(((await call('GET', '/api/kpi/initiatives')).body as Array<{ name: string }>).filter((i) => i.name === TWIN_INITIATIVE_NAME)).toHaveLength(1);
  });

  it("records the lanes context's passages: opened, decided (referred) and exited, with the lane's type", async () => {
    const lanes: Lane[] = await host.app.get(QueryBus).execute(new ListLanes());
    const lane = lanes[0];
    const passageId = `P-${Date.now()}`;
    const base = Date.now() - 120_000;
    const t = (seconds: number) => new Date(base + seconds * 1000).toISOString();
    const bus = host.app.get(EventBus);
    bus.publish(new PassageOpened(passageId, lane.id, lane.portId, t(0), t(1)));
    bus.publish(new PassageDecided(passageId, lane.id, 'refer', 'refer', true, 'officer-1', t(40)));
    bus.publish(new PassageExited(passageId, lane.id, t(40), t(55)));
    bus.publish(new PassageExited(passageId, lane.id, t(40), t(55))); // redelivered: stored once

    await eventually(async () => {
      const recent = await call('GET', `/api/twin/telemetry?from=${t(-1)}`, undefined, { roles: ['officer'] });
      const mine = sortedLines(recent.body).map((line) => JSON.parse(line)).filter((e: TelemetryEvent) => e.truckId === passageId);
      expect(mine).toEqual(expect.arrayContaining([
        { type: 'pil_start', truckId: passageId, at: t(0), laneId: lane.id, laneType: lane.type },
        { type: 'pil_end', truckId: passageId, at: t(40), laneId: lane.id, laneType: lane.type, referred: true },
        { type: 'exit', truckId: passageId, at: t(55), laneId: lane.id, laneType: lane.type },
      ]));
      expect(mine).toHaveLength(3);
    });
    // Now the telemetry names one of the lanes context's lanes: the live state takes its lane list.
    const state = await call('GET', '/api/twin/state', undefined, { roles: ['officer'] });
    expect(state.body.lanes.map((l: { laneId: string }) => l.laneId).sort()).toEqual(lanes.map((l) => l.id).sort());
  });
});
