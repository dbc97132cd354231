import { CommandBus, EventBus } from '@nestjs/cqrs';
import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishSimulationRun } from './runs/publish-simulation-run.command';
import { KpiSeeder } from './seed/kpi-seeder';
import { SECURE_CORRIDOR_INITIATIVE_ID } from './seed/secure-corridor';
import { caller, eventually, KpiTestHost } from './testing/kpi-test-host';
import { TrsEventObserved } from './trs/trs.commands';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const pilTime = { key: 'pil-time', name: 'PIL processing time', unit: 's', direction: 'lower', baseline: { value: 90, source: 'timing study' }, targets: { prototype: 60, pilot: 45, production: 45 } };
const throughput = { key: 'trucks-per-lane-hour', name: 'Trucks per lane-hour', unit: 'trucks/h', direction: 'higher', baseline: { value: 38, source: 'counts' }, targets: { prototype: 40 } };

describe.each(testModes())('KPI context on $name', (mode) => {
  let host: TestApp;
  const call = caller(() => host);
  const newInitiative = async (extra: Record<string, unknown> = {}) => {
    const { status, body } = await call('POST', '/api/kpi/initiatives', { name: 'Remote PIL processing', description: 'RFID + LPR at the booth', phase: 'poc', ...extra });
    expect(status).toBe(201);
    return body as { id: string; phase: string };
  };
  const measurementCount = async (id: string) => Number((await call('GET', `/api/kpi/initiatives/${id}/measurements?limit=1`)).headers.get('x-total-count'));

  beforeAll(async () => {
    host = await startTestApp(KpiTestHost.forRoot, mode);
  });
  afterAll(async () => host?.close());

  describe('the seeded Secure Corridor initiative', () => {
    it('is in the portfolio in prototype, with its five KPIs and the gate into pilot partly met', async () => {
      const { status, body } = await call('GET', '/api/kpi/initiatives', undefined, ['officer']);
      expect(status).toBe(200);
      const seeded = body.find((i: { id: string }) => i.id === SECURE_CORRIDOR_INITIATIVE_ID);
      expect(seeded).toMatchObject({ phase: 'prototype', daysInPhase: 75, plannedDays: { min: 90, max: 180 }, gate: { next: 'pilot', ready: false, met: 3, total: 5 }, kpiCount: 5 });
      const detail = await call('GET', `/api/kpi/initiatives/${SECURE_CORRIDOR_INITIATIVE_ID}`, undefined, ['officer']);
      const pil = detail.body.kpis.find((k: { key: string }) => k.key === 'trusted-pil-processing-time');
      expect(pil).toMatchObject({ unit: 's', direction: 'lower', baseline: { value: 90 }, targets: { pilot: 45 }, nextTarget: 45, latest: { value: 47, source: 'manual' } });
      expect(detail.body.phaseHistory.map((s: { phase: string }) => s.phase)).toEqual(['poc', 'prototype']);
    });

    it('is not seeded again by a restart or a second process on the same database', async () => {
      const before = await measurementCount(SECURE_CORRIDOR_INITIATIVE_ID);
      const second = await startTestApp(KpiTestHost.forRoot, mode, { DATA_DIR: host.config.dataDir, ...(mode.databaseUrl ? { DATABASE_SCHEMA: host.config.databaseSchema ?? '' } : {}) });
      try {
        const list = await fetch(`${second.url}/api/kpi/initiatives`, { headers: second.auth('officer') });
        expect(((await list.json()) as Array<{ id: string }>).filter((i) => i.id === SECURE_CORRIDOR_INITIATIVE_ID)).toHaveLength(1);
      } finally {
        await second.close();
      }
      expect(await measurementCount(SECURE_CORRIDOR_INITIATIVE_ID)).toBe(before);
    });

    it('is seeded exactly once when seeders race on an empty database', async () => {
      const db = host.app.get(DataSource);
      const remove = async () => {
        for (const table of ['kpi_measurements', 'kpi_definitions', 'kpi_phase_history', 'kpi_decisions', 'kpi_initiatives']) {
          await db.createQueryBuilder().delete().from(table).where(table === 'kpi_initiatives' ? 'id = :id' : 'initiative_id = :id', { id: SECURE_CORRIDOR_INITIATIVE_ID }).execute();
        }
      };
      const before = await measurementCount(SECURE_CORRIDOR_INITIATIVE_ID);
      await remove();
      const seeder = host.app.get(KpiSeeder);
      const created = await Promise.all([seeder.seed(), seeder.seed(), seeder.seed()]);
      expect(created.filter(Boolean)).toHaveLength(1);
      expect(await measurementCount(SECURE_CORRIDOR_INITIATIVE_ID)).toBe(before);
      const detail = await call('GET', `/api/kpi/initiatives/${SECURE_CORRIDOR_INITIATIVE_ID}`);
      expect(detail.body.kpis).toHaveLength(5);
      expect(detail.body.phaseHistory).toHaveLength(2);
    });
  });

  it('takes an initiative from poc to prototype only when every KPI with a prototype target meets it', async () => {
    const initiative = await newInitiative();
    expect(initiative.phase).toBe('poc');
    expect((await call('POST', `/api/kpi/initiatives/${initiative.id}/kpis`, pilTime)).status).toBe(201);
    expect((await call('POST', `/api/kpi/initiatives/${initiative.id}/kpis`, throughput)).status).toBe(201);

    const empty = await call('GET', `/api/kpi/initiatives/${initiative.id}/gates`, undefined, ['officer']);
    expect(empty.body).toMatchObject({ phase: 'poc', next: 'prototype', ready: false });
    expect(empty.body.criteria.map((c: { kpi: string; met: boolean; value: null }) => [c.kpi, c.met, c.value])).toEqual([['pil-time', false, null], ['trucks-per-lane-hour', false, null]]);

    // The point value meets 60 s, but the CI's upper bound does not: not met.
    const first = await call('POST', `/api/kpi/initiatives/${initiative.id}/measurements`, { kpi: 'pil-time', value: 58, ci95: [52, 64], n: 30, source: 'simulation', runId: 'sim-a', iteration: 'poc #1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kpi: 'pil-time', value: 58, ci95: [52, 64], unit: 's', source: 'simulation', runId: 'sim-a' });
    await call('POST', `/api/kpi/initiatives/${initiative.id}/measurements`, { kpi: 'trucks-per-lane-hour', value: 42, source: 'manual' });
    const notReady = await call('GET', `/api/kpi/initiatives/${initiative.id}/gates`);
    expect(notReady.body).toMatchObject({ ready: false, met: 1, total: 2 });
    expect(notReady.body.criteria[0]).toMatchObject({ kpi: 'pil-time', target: 60, value: 58, ci95: [52, 64], bound: 64, met: false });

    const refused = await call('POST', `/api/kpi/initiatives/${initiative.id}/advance`, { decision: 'go', note: 'looks fine' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('KPI.GATE_NOT_READY');

    const second = await call('POST', `/api/kpi/initiatives/${initiative.id}/measurements`, { kpi: 'pil-time', value: 55, ci95: [51, 59], n: 30, source: 'simulation', runId: 'sim-b' });
    const ready = await call('GET', `/api/kpi/initiatives/${initiative.id}/gates`);
    expect(ready.body).toMatchObject({ ready: true, met: 2, total: 2, runIds: ['sim-b'] });

    const go = await call('POST', `/api/kpi/initiatives/${initiative.id}/advance`, { decision: 'go', note: 'both KPIs met' });
    expect(go.status).toBe(201);
    expect(go.body).toMatchObject({ decision: 'go', override: false, from: 'poc', to: 'prototype', moved: true, phase: 'prototype', note: 'both KPIs met', by: 'test-manager' });
    expect(go.body.evidence.criteria[0].evidence).toMatchObject({ measurementId: second.body.id, runId: 'sim-b', source: 'simulation' });

    const detail = await call('GET', `/api/kpi/initiatives/${initiative.id}`);
    expect(detail.body.phase).toBe('prototype');
    expect(detail.body.phaseHistory).toMatchObject([{ phase: 'poc', decisionId: null }, { phase: 'prototype', endedAt: null, decisionId: go.body.id, plannedDays: { min: 90, max: 180 } }]);
    expect(detail.body.phaseHistory[0].endedAt).toBe(go.body.at);
    // Next gate (pilot): only pil-time has a pilot target, and 55 > 45.
    expect(detail.body.gate).toEqual({ next: 'pilot', ready: false, met: 0, total: 1 });

    const decisions = await call('GET', `/api/kpi/initiatives/${initiative.id}/decisions`, undefined, ['officer']);
    expect(decisions.body).toHaveLength(1);
    expect(decisions.body[0]).toMatchObject({ id: go.body.id, decision: 'go', evidence: { ready: true, runIds: ['sim-b'] } });
  });

  it('records overrides with their note, no-go without moving, and stop', async () => {
    const initiative = await newInitiative({ kpis: [pilTime] });
    const noNote = await call('POST', `/api/kpi/initiatives/${initiative.id}/advance`, { decision: 'go', override: true });
    expect(noNote.status).toBe(400);
    expect(noNote.body.field).toBe('note');

    const override = await call('POST', `/api/kpi/initiatives/${initiative.id}/advance`, { decision: 'go', override: true, note: 'minister wants it at the bridge by September' });
    expect(override.status).toBe(201);
    expect(override.body).toMatchObject({ override: true, from: 'poc', to: 'prototype', phase: 'prototype', evidence: { ready: false, met: 0, total: 1 } });

    const noGo = await call('POST', `/api/kpi/initiatives/${initiative.id}/advance`, { decision: 'no-go', note: 'iterate once more' });
    expect(noGo.status).toBe(201);
    expect(noGo.body).toMatchObject({ decision: 'no-go', moved: false, to: null, phase: 'prototype' });

    const stop = await call('POST', `/api/kpi/initiatives/${initiative.id}/advance`, { decision: 'no-go', stop: true, note: 'RFID reads too unreliable' });
    expect(stop.body).toMatchObject({ stop: true, to: 'stopped', phase: 'stopped' });
    expect((await call('POST', `/api/kpi/initiatives/${initiative.id}/advance`, { decision: 'go', override: true, note: 'x' })).status).toBe(409);

    const portfolio = (await call('GET', '/api/kpi/initiatives')).body.find((i: { id: string }) => i.id === initiative.id);
    expect(portfolio).toMatchObject({ phase: 'stopped', gate: { next: null, ready: false }, schedule: { status: 'open-ended' } });
    const decisions = await call('GET', `/api/kpi/initiatives/${initiative.id}/decisions`);
    expect(decisions.body.map((d: { decision: string; override: boolean }) => [d.decision, d.override])).toEqual([['go', true], ['no-go', false], ['no-go', false]]);
  });

  it('shows days in phase against the plan, overdue once past the maximum', async () => {
    const late = await newInitiative({ phase: 'poc', phaseStartedAt: daysAgo(100), plan: { prototype: { min: 60, max: 120 } } });
    const portfolio = (await call('GET', '/api/kpi/initiatives')).body.find((i: { id: string }) => i.id === late.id);
    expect(portfolio).toMatchObject({ daysInPhase: 100, plannedDays: { min: 30, max: 90 }, schedule: { status: 'overdue', progress: 1.111 } });
    const detail = await call('GET', `/api/kpi/initiatives/${late.id}`);
    expect(detail.body.plan).toEqual({ prototype: { min: 60, max: 120 } });
  });

  it('records a batch all or nothing and filters and exports measurements', async () => {
    const { id } = await newInitiative({ kpis: [pilTime, throughput] });
    const bad = await call('POST', `/api/kpi/initiatives/${id}/measurements`, [
      { kpi: 'pil-time', value: 70, at: daysAgo(3) },
      { kpi: 'pil-time', value: 'NaN' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('[1].value');
    expect(await measurementCount(id)).toBe(0);

    const batch = await call('POST', `/api/kpi/initiatives/${id}/measurements`, [
      { kpi: 'pil-time', value: 70, at: daysAgo(3), source: 'manual', iteration: 'poc #1, "quick" look' },
      { kpi: 'pil-time', value: 66, at: daysAgo(2), source: 'simulation', runId: 'run-7', ci95: [60, 72], n: 20 },
      { kpi: 'trucks-per-lane-hour', value: 39.5, at: daysAgo(1), unit: 'trucks/h', note: '=HYPERLINK("x")\nsecond line' },
    ], ['engineer']);
    expect(batch.status).toBe(201);
    expect(batch.body).toHaveLength(3);
    expect(await measurementCount(id)).toBe(3);

    const bySource = await call('GET', `/api/kpi/initiatives/${id}/measurements?source=simulation`);
    expect(bySource.body.map((m: { value: number }) => m.value)).toEqual([66]);
    expect((await call('GET', `/api/kpi/initiatives/${id}/measurements?kpi=pil-time`)).body.map((m: { value: number }) => m.value)).toEqual([70, 66]);
    expect((await call('GET', `/api/kpi/initiatives/${id}/measurements?run=run-7`)).body).toHaveLength(1);
    expect((await call('GET', `/api/kpi/initiatives/${id}/measurements?source=guess`)).body.field).toBe('source');

    const csv = await call('GET', `/api/kpi/initiatives/${id}/measurements.csv`, undefined, ['officer']);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('measurement_id,kpi,value,unit,ci95_lo,ci95_hi,n,source,run_id,iteration,at,note,recorded_at,recorded_by');
    expect(lines[1]).toContain(',pil-time,70,s,,,,manual,,"poc #1, ""quick"" look",');
    expect(lines[2]).toContain(',pil-time,66,s,60,72,20,simulation,run-7,,');
    expect(csv.body).toContain(`,"'=HYPERLINK(""x"")\nsecond line",`);
  });

  describe('simulation runs', () => {
    it('publishes a run over HTTP: matching KPIs become measurements, the series is kept', async () => {
      const { id } = await newInitiative({ kpis: [pilTime, throughput] });
      const run = {
        runId: 'sim-e2e-1', initiativeId: id, scenario: 'secure-corridor-pilot', iteration: 'prototype #2',
        kpis: { 'pil-time': { mean: 44.1, ci95: [41.9, 46.3], unit: 's', n: 30 }, 'queue-length': { mean: 3.2, ci95: [2.9, 3.5], unit: 'trucks' } },
        series: [{ t: 0, queue: 0 }, { t: 60, queue: 2 }],
      };
      const published = await call('POST', '/api/kpi/runs', run, ['engineer']);
      expect(published.status).toBe(201);
      expect(published.body.measurements).toMatchObject([{ kpi: 'pil-time', value: 44.1, ci95: [41.9, 46.3], n: 30, source: 'simulation', runId: 'sim-e2e-1', iteration: 'prototype #2' }]);
      expect(published.body.unmatched).toEqual(['queue-length']);

      const fetched = await call('GET', '/api/kpi/runs/sim-e2e-1', undefined, ['officer']);
      expect(fetched.body).toMatchObject({ runId: 'sim-e2e-1', scenario: 'secure-corridor-pilot', series: run.series, kpis: { 'queue-length': { mean: 3.2 } } });
      expect(fetched.body.measurements).toHaveLength(1);
      expect((await call('GET', `/api/kpi/runs?initiativeId=${id}`)).body.map((r: { runId: string }) => r.runId)).toEqual(['sim-e2e-1']);

      const replay = await call('POST', '/api/kpi/runs', run, ['engineer']);
      expect(replay.body.replayed).toBe(true);
      expect(await measurementCount(id)).toBe(1);
      const different = await call('POST', '/api/kpi/runs', { ...run, kpis: { 'pil-time': { mean: 40, ci95: [38, 42], unit: 's' } } }, ['engineer']);
      expect(different.status).toBe(409);
      expect((await call('GET', '/api/kpi/runs/no-such-run')).status).toBe(404);
    });

    it('publishes in process through the PublishSimulationRun command, and refuses a unit mismatch whole', async () => {
      const { id } = await newInitiative({ kpis: [pilTime, throughput] });
      const commands = host.app.get(CommandBus);
      const result = await commands.execute(new PublishSimulationRun({ runId: 'sim-cli-1', initiativeId: id, scenario: 'baseline', kpis: { 'trucks-per-lane-hour': { mean: 41, ci95: [40, 42], unit: 'trucks/h' } } }));
      expect(result.measurements).toHaveLength(1);
      expect(result.publishedBy).toBe('simulator');

      const mismatch = await call('POST', '/api/kpi/runs', { runId: 'sim-bad-unit', initiativeId: id, scenario: 'baseline', kpis: { 'pil-time': { mean: 1, ci95: [0.9, 1.1], unit: 'min' }, 'trucks-per-lane-hour': { mean: 41 } } });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.field).toBe('kpis.pil-time.unit');
      expect((await call('GET', '/api/kpi/runs/sim-bad-unit')).status).toBe(404);
      expect(await measurementCount(id)).toBe(1);
    });
  });

  describe('TRS telemetry', () => {
    const hour = Date.UTC(2026, 0, 5, 8); // a fixed past hour, so buckets are complete
    const at = (seconds: number) => new Date(hour + seconds * 1000).toISOString();
    const passage = (id: string, start: number, read: number, recommend: number, decide: number) => [
      { type: 'arrival', passageId: id, at: at(start), lane: 'fast-1' },
      { type: 'read', passageId: id, at: at(start + read), lane: 'fast-1' },
      { type: 'read', passageId: id, at: at(start + read + 2), lane: 'fast-1' },
      { type: 'recommendation', passageId: id, at: at(start + read + recommend), lane: 'fast-1' },
      { type: 'decision', passageId: id, at: at(start + read + recommend + decide), lane: 'fast-1' },
    ];

    it('aggregates stored events by hour and records live measurements, replacing them when re-run', async () => {
      const events = [...passage('p1', 0, 5, 10, 25), ...passage('p2', 600, 7, 12, 31), ...passage('p3', 3700, 4, 9, 20)];
      const ingest = await call('POST', '/api/kpi/trs/events', events, ['engineer']);
      expect(ingest.status).toBe(201);
      expect(ingest.body).toEqual({ received: 15, stored: 15 });
      expect((await call('POST', '/api/kpi/trs/events', events.slice(0, 2), ['engineer'])).body).toEqual({ received: 2, stored: 0 });
      // The in-process seam: another context publishes a TrsEventObserved on the EventBus.
      host.app.get(EventBus).publish(new TrsEventObserved({ type: 'lodged', declarationId: 'd-1', at: at(-300) }));
      host.app.get(EventBus).publish(new TrsEventObserved({ type: 'risk-result', declarationId: 'd-1', at: at(-288) }));

      const from = new Date(hour - 3_600_000).toISOString();
      const to = new Date(hour + 2 * 3_600_000).toISOString();
      const breakdown = () => call('GET', `/api/kpi/trs?from=${from}&to=${to}&bucket=hour`, undefined, ['officer']);
      await eventually(async () => expect((await breakdown()).body.buckets[0].segments['lodging-to-risk-result']).toMatchObject({ n: 1, mean: 12 }));
      const trs = await breakdown();
      expect(trs.status).toBe(200);
      expect(trs.body.buckets.map((b: { start: string }) => b.start)).toEqual([from, new Date(hour).toISOString(), new Date(hour + 3_600_000).toISOString()]);
      expect(trs.body.buckets[1].segments['pil-total']).toMatchObject({ n: 2, mean: 45, p50: 45 });
      expect(trs.body.buckets[1].segments['arrival-to-first-read']).toMatchObject({ n: 2, mean: 6 });
      expect(trs.body.buckets[2].segments['pil-total']).toMatchObject({ n: 1, mean: 33 });
      expect(trs.body.totals['pil-total'].n).toBe(3);
      expect((await call('GET', `/api/kpi/trs?from=${from}&to=${to}&bucket=week`)).body.field).toBe('bucket');

      const { id } = await newInitiative({ kpis: [pilTime] });
      const request = { initiativeId: id, from, to, bucket: 'hour', lane: 'fast-1', kpis: { 'pil-total': 'pil-time' } };
      const recorded = await call('POST', '/api/kpi/trs/measurements', request);
      expect(recorded.status).toBe(201);
      expect(recorded.body.measurements.map((m: { value: number; n: number; source: string }) => [m.value, m.n, m.source])).toEqual([[45, 2, 'live'], [33, 1, 'live']]);
      await call('POST', '/api/kpi/trs/measurements', request);
      expect(await measurementCount(id)).toBe(2);
      const wrong = await call('POST', '/api/kpi/trs/measurements', { ...request, kpis: { 'pil-total': 'nope' } });
      expect(wrong.body.field).toBe('kpis.pil-total');
    });
  });

  it('documents every KPI route in the OpenAPI document', async () => {
    const document = await (await fetch(`${host.url}/api/docs-json`)).json();
    for (const path of ['/api/kpi/initiatives', '/api/kpi/initiatives/{id}', '/api/kpi/initiatives/{id}/kpis', '/api/kpi/initiatives/{id}/measurements',
      '/api/kpi/initiatives/{id}/measurements.csv', '/api/kpi/initiatives/{id}/gates', '/api/kpi/initiatives/{id}/advance', '/api/kpi/initiatives/{id}/decisions',
      '/api/kpi/runs', '/api/kpi/runs/{runId}', '/api/kpi/trs', '/api/kpi/trs/events', '/api/kpi/trs/measurements']) {
      expect(document.paths[path], path).toBeDefined();
    }
    for (const schema of ['GateDto', 'InitiativeViewDto', 'PlannedDaysDto', 'RunKpiDto', 'SegmentStatsDto', 'TrsEventDto', 'RecordMeasurementDto']) {
      expect(document.components.schemas[schema], schema).toBeDefined();
    }
  });

  describe('access', () => {
    it('needs a token, the manager role for writes, and any role for reads', async () => {
      expect((await fetch(`${host.url}/api/kpi/initiatives`)).status).toBe(401);
      expect((await call('POST', '/api/kpi/initiatives', { name: 'x' }, ['officer'])).status).toBe(403);
      expect((await call('POST', `/api/kpi/initiatives/${SECURE_CORRIDOR_INITIATIVE_ID}/advance`, { decision: 'no-go' }, ['engineer'])).status).toBe(403);
      expect((await call('GET', `/api/kpi/initiatives/${SECURE_CORRIDOR_INITIATIVE_ID}/gates`, undefined, ['trader'])).status).toBe(200);
      expect((await call('GET', '/api/kpi/initiatives/not-a-uuid')).body.field).toBe('id');
      expect((await call('GET', '/api/kpi/initiatives/2b1e0d9e-5f5c-4f8e-9d59-1c0f3e0f9a11')).status).toBe(404);
    });
  });
});
