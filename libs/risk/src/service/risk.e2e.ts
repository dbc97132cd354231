import { DynamicModule, Module } from '@nestjs/common';
import { DECLARATION_MIGRATIONS, DeclarationsModule, generateDeclarations } from '@corridor/declarations';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { CorridorConfig, JobQueue, PlatformModule, type Role } from '@corridor/platform';
import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RISK_MIGRATIONS } from './persistence/risk.migrations';
import { LEARN_QUEUE, RETRAIN_QUEUE, SCORE_QUEUE } from './risk.queues';
import { RiskModule } from './risk.module';
import { DeclarationScorer } from './scoring/declaration-scorer';

/** Platform + Ledger + Declarations + Risk: what a risk host wires. Schedules off: the tests drive retrains. */
@Module({})
class RiskHost {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: RiskHost,
      imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...RISK_MIGRATIONS] }), LedgerModule, DeclarationsModule, RiskModule.forRoot({ schedule: false })],
    };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
const example = JSON.parse(readFileSync(resolve(__dirname, '../../../../tools/examples/declaration.json'), 'utf8'));

/** The example with item 1 turned into mangoes from Mexico (HS 0804.50.10), its invoice line agreeing. */
function mangoes(over: { value?: string; importerPhone?: string; importerId?: string } = {}): Body {
  const d = structuredClone(example);
  d.items[0] = { hsCode: '0804.50.10', description: 'Fresh mangoes', origin: 'MX', quantity: 8000, unit: 'kg', grossMassKg: 9120, netMassKg: 8640, value: { amount: over.value ?? '86400.00', currency: 'USD' } };
  d.documents.invoice.lines[0] = { hsCode: '080450', description: 'Mangoes', quantity: 8000, value: { amount: over.value ?? '86400.00', currency: 'USD' } };
  const total = (Number(over.value ?? '86400.00') + 51000).toFixed(2);
  d.documents.invoice.total.amount = total;
  if (over.importerPhone) d.importer.phone = over.importerPhone;
  if (over.importerId) {
    d.importer.id = over.importerId;
    d.documents.invoice.buyer.id = over.importerId;
  }
  return d;
}

describe.each(testModes())('risk on $name', (mode) => {
  let host: TestApp;
  const call = async (method: string, path: string, body?: unknown, roles: Role[] = ['officer']) => {
    const response = await fetch(`${host.url}${path}`, {
      method,
      headers: { ...host.auth(...roles), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** Polls until `check` holds (queues on Redis report with a little delay). */
  const until = async <T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 400)}`);
      await sleep(25);
    }
  };
  const declaration = async (id: string) => (await call('GET', `/api/declarations/${id}`)).body;
  /** Lodges as a trader, then waits for the risk job to record its assessment. */
  const lodgeAndScore = async (body: unknown): Promise<Body> => {
    const lodged = await call('POST', '/api/declarations', body, ['trader']);
    expect(lodged.status).toBe(201);
    await host.app.get(JobQueue).idle(SCORE_QUEUE);
    return until('risk-assessed', () => declaration(lodged.body.id), (d) => d.status === 'risk-assessed');
  };
  const inspect = async (id: string, inspection: unknown) => {
    expect((await call('POST', `/api/declarations/${id}/status`, { status: 'referred' })).status).toBe(200);
    expect((await call('POST', `/api/declarations/${id}/status`, { status: 'inspected', inspection })).body.status).toBe('inspected');
  };
  const observations = async () => ((await call('GET', '/api/risk/models?errorType=misclassification', undefined, ['engineer'])).body as Body[])[0].observations as number;

  beforeAll(async () => {
    host = await startTestApp(RiskHost.forRoot, mode, { RISK_RANDOM_SAMPLING_RATE: '0' });
  });
  afterAll(async () => host?.close());

  it('scores every lodged declaration as a job and records channel and reasons on it; without history nothing is selected', async () => {
    const bodies = generateDeclarations({ seed: 7, count: 8, type: 'IM' });
    const ids: string[] = [];
    for (const body of bodies) {
      const lodged = await call('POST', '/api/declarations', body, ['trader']);
      expect(lodged.body.status).toBe('lodged');
      ids.push(lodged.body.id);
    }
    await host.app.get(JobQueue).idle(SCORE_QUEUE);
    for (const id of ids) {
      const d = await until('risk-assessed', () => declaration(id), (v) => v.status === 'risk-assessed');
      expect(d.risk).toMatchObject({ version: 1, channel: 'green', selected: false, random: false });
      expect(typeof d.risk.score).toBe('number');
      expect(Array.isArray(d.risk.reasons)).toBe(true);
      expect(d.risk.modelVersion).toContain('misclassification@1.0');
    }
    const first = await declaration(ids[0]);
    expect(first.risk.reasons.map((r: Body) => r.text)).toContain(`importer ${bodies[0].importer?.id} appears for the first time`);
  });

  it('never blocks lodging: a failed scoring leaves the declaration lodged and the job retries', async () => {
    const spy = vi.spyOn(host.app.get(DeclarationScorer), 'assess').mockRejectedValueOnce(new Error('injected scoring failure'));
    try {
      const lodged = await call('POST', '/api/declarations', example, ['trader']);
      expect(lodged.status).toBe(201);
      expect(lodged.body.status).toBe('lodged');
      await host.app.get(JobQueue).idle(SCORE_QUEUE);
      const d = await until('risk-assessed after a retry', () => declaration(lodged.body.id), (v) => v.status === 'risk-assessed');
      expect(d.risk.version).toBe(1);
      expect(spy).toHaveBeenCalledTimes(2);
      expect(await host.app.get(JobQueue).failed(SCORE_QUEUE)).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('learns from inspection results: the same HS code and origin then scores higher, citing the past inspections', async () => {
    const before = await observations();
    for (let i = 0; i < 3; i++) {
      const risky = await lodgeAndScore(mangoes());
      await inspect(risky.id, { result: 'non-compliant', findings: [{ itemIndex: 0, errorType: 'misclassification', note: 'dried, not fresh: 0804.50.40' }] });
      const clean = await lodgeAndScore(example);
      await inspect(clean.id, { result: 'compliant' });
    }
    await host.app.get(JobQueue).idle(LEARN_QUEUE);
    await until('six inspections learnt', observations, (n) => n >= before + 12);

    const risky = await lodgeAndScore(mangoes());
    const control = await lodgeAndScore(example);
    expect(risky.risk.score).toBeGreaterThan(control.risk.score);
    const texts: string[] = risky.risk.reasons.map((r: Body) => r.text);
    expect(texts).toContain('item 1 (HS 0804.50.10 from MX): HS code 0804.50: 3 of 3 past inspections found misclassification');
    expect(texts[0]).toMatch(/^item 1 \(HS 0804\.50\.10 from MX\): \d+% estimated probability of misclassification/);
    const weights = risky.risk.reasons.map((r: Body) => r.weight);
    expect(weights).toEqual([...weights].sort((a: number, b: number) => b - a));

    // The audit trail holds the reasoning: model outputs per error type and item, the threshold, the draw.
    const audit = (await call('GET', `/api/risk/assessments/${risky.id}`)).body;
    expect(audit.latest).toMatchObject({ declarationId: risky.id, version: 1, outcome: 'recorded', channel: risky.risk.channel, score: risky.risk.score });
    expect(audit.latest.audit.models.misclassification.probabilities).toHaveLength(2);
    expect(audit.latest.audit.models.misclassification.probabilities[0]).toBeGreaterThan(audit.latest.audit.models.misclassification.probabilities[1]);
    expect(audit.latest.audit.inputs.records[0]['HS code']).toBe('080450');
    expect(audit.latest.audit.selection).toMatchObject({ randomRate: 0, targetRate: 0.02, basis: 'none' });
    expect(audit.latest.audit.rules).toEqual({ evaluated: [], hits: [] });
  });

  it('retrains every model as a scheduled-style job and keeps the versions', async () => {
    expect((await call('POST', '/api/risk/models/retrain', undefined, ['officer'])).status).toBe(403);
    const queued = await call('POST', '/api/risk/models/retrain', undefined, ['engineer']);
    expect(queued.status).toBe(202);
    expect(queued.body.queue).toBe(RETRAIN_QUEUE);
    await host.app.get(JobQueue).idle(RETRAIN_QUEUE);
    const models = await until('version 2 of every model', async () => (await call('GET', '/api/risk/models', undefined, ['engineer'])).body as Body[], (list) => list.filter((m) => m.version === 2).length === 5);
    expect(models.filter((m) => m.version === 2).map((m) => m.errorType).sort()).toEqual(['misclassification', 'missing-certificate', 'origin', 'overvaluation', 'undervaluation']);
    expect(models.find((m) => m.version === 2 && m.errorType === 'misclassification')).toMatchObject({ kind: 'naive', rows: 12, positives: 3, trigger: 'manual' });
    expect(models.filter((m) => m.version === 1)).toHaveLength(5);
    const again = await lodgeAndScore(mangoes());
    expect(again.risk.modelVersion).toContain('misclassification@2.0');
    expect(again.risk.reasons.map((r: Body) => r.text)).toContain('item 1 (HS 0804.50.10 from MX): HS code 0804.50: 3 of 3 past inspections found misclassification');
  });

  it('shows unusual unit values and parties with many phones as reasons', async () => {
    for (let i = 0; i < 10; i++) await lodgeAndScore(mangoes({ importerId: 'US555000111', importerPhone: `+1 313 555 01${10 + (i % 4)}` }));
    const cheap = await lodgeAndScore(mangoes({ value: '8640.00', importerId: 'US555000111', importerPhone: '+1 313 555 0199' }));
    const texts: string[] = cheap.risk.reasons.map((r: Body) => r.text);
    expect(texts.some((t) => /^item 1 \(HS 0804\.50\.10 from MX\): declared value per kg 10\.0x below the median for HS 0804\.50 from MX \(n=\d+; 1\.00 vs 10\.00 USD\/kg\)$/.test(t))).toBe(true);
    expect(texts).toContain('importer US555000111 used 5 phone numbers in 90 days');
  });

  it('selects at the target rate once there is history; managers set the rate', async () => {
    expect((await call('GET', '/api/risk/selection')).body).toMatchObject({ targetRate: 0.02, randomRate: 0, minHistory: 50, threshold: null });
    expect((await call('PUT', '/api/risk/selection', { targetRate: 0.3, minHistory: 5 }, ['officer'])).status).toBe(403);
    expect((await call('PUT', '/api/risk/selection', { targetRate: 2 }, ['manager'])).body.field).toBe('targetRate');
    const set = await call('PUT', '/api/risk/selection', { targetRate: 0.3, minHistory: 5 }, ['manager']);
    expect(set.body).toMatchObject({ targetRate: 0.3, minHistory: 5, updatedBy: 'test-manager' });
    expect(set.body.threshold).toEqual(expect.any(Number));
    // Cheaper still, from the importer of many phones, with one more phone: riskier than anything before.
    const risky = await lodgeAndScore(mangoes({ value: '4000.00', importerId: 'US555000111', importerPhone: '+1 313 555 0166' }));
    expect(risky.risk.score).toBeGreaterThanOrEqual(set.body.threshold);
    expect(risky.risk).toMatchObject({ selected: true, random: false });
    expect(['red', 'yellow']).toContain(risky.risk.channel);
    expect(risky.risk.reasons.at(-1).text).toMatch(/^score [\d.]+ is at or above the selection threshold [\d.]+ \(target: 30% of declarations, from the last \d+ scores\)$/);
    await call('PUT', '/api/risk/selection', { targetRate: 0.02, minHistory: 50 }, ['manager']);
  });

  it('manages expert rules: versions, scopes by role, dry runs, promotion, enable and disable', async () => {
    const rule = { name: 'Mangoes from MX', scope: 'office:USDET', conditions: [{ field: 'hsPrefix', value: '0804' }, { field: 'origin', value: 'MX' }], action: { type: 'select', channel: 'yellow' } };
    expect((await call('POST', '/api/risk/rules', rule, ['trader'])).status).toBe(403);
    const national = await call('POST', '/api/risk/rules', { ...rule, scope: 'national' }, ['officer']);
    expect(national.status).toBe(403);
    expect(national.body.code).toBe('RISK.RULE_SCOPE_FORBIDDEN');
    const bad = await call('POST', '/api/risk/rules', { ...rule, conditions: [rule.conditions[0], { field: 'colour', value: 'red' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('conditions[1].field');
    expect(bad.body.message).toContain('colour');

    const created = await call('POST', '/api/risk/rules', rule);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: 'office:USDET', enabled: false, version: 1, author: 'test-officer' });
    const id = created.body.id;

    const dry = await call('POST', '/api/risk/rules/dry-run', { rule });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ scope: 'office:USDET', outcomes: { inspected: 3, nonCompliant: 3, nonCompliantRate: 1 }, findings: { misclassification: 3 } });
    expect(dry.body.hits).toBeGreaterThanOrEqual(17);
    expect(dry.body.evaluated).toBeGreaterThan(dry.body.hits);
    expect(dry.body.hitRate).toBeCloseTo(dry.body.hits / dry.body.evaluated, 3);
    expect(dry.body.baseline).toMatchObject({ inspected: 6, nonCompliant: 3 });
    expect((await call('POST', '/api/risk/rules/dry-run', { rule: { ...rule, conditions: [{ field: 'weight' }] } })).body.field).toBe('rule.conditions[0].field');

    const revised = await call('PUT', `/api/risk/rules/${id}`, { ...rule, action: { type: 'select', channel: 'red' } });
    expect(revised.body).toMatchObject({ version: 2, definition: { action: { channel: 'red' } } });
    expect((await call('PUT', `/api/risk/rules/${id}`, { ...rule, scope: 'national' })).status).toBe(403);
    expect((await call('POST', `/api/risk/rules/${id}/enable`)).body.enabled).toBe(true);
    const hit = await lodgeAndScore(mangoes());
    expect(hit.risk).toMatchObject({ channel: 'red', selected: true });
    expect(hit.risk.reasons[0].text).toBe('rule "Mangoes from MX" (office:USDET, version 2, by test-officer): HS code starts with 0804 and origin is MX (item 1): select for the red channel');

    expect((await call('POST', `/api/risk/rules/${id}/promotion`, {}, ['officer'])).status).toBe(403);
    const promoted = await call('POST', `/api/risk/rules/${id}/promotion`, { note: 'good catch rate' }, ['manager']);
    expect(promoted.body).toMatchObject({ scope: 'national', version: 3, enabled: true, author: 'test-manager' });
    expect((await call('POST', `/api/risk/rules/${id}/promotion`, {}, ['manager'])).status).toBe(409);
    expect((await call('POST', `/api/risk/rules/${id}/disable`, undefined, ['officer'])).status).toBe(403);
    expect((await call('POST', `/api/risk/rules/${id}/disable`, undefined, ['manager'])).body.enabled).toBe(false);

    const detail = (await call('GET', `/api/risk/rules/${id}`)).body;
    expect(detail.versions.map((v: Body) => [v.version, v.definition.scope, v.author])).toEqual([[3, 'national', 'test-manager'], [2, 'office:USDET', 'test-officer'], [1, 'office:USDET', 'test-officer']]);
    expect(detail.versions[0].note).toBe('promoted from office:USDET: good catch rate');
    expect(detail.changes.map((c: Body) => c.change)).toEqual(['created', 'revised', 'enabled', 'promoted', 'disabled']);
    expect((await call('GET', '/api/risk/rules?scope=national')).body.map((r: Body) => r.id)).toContain(id);
    expect((await call('GET', '/api/risk/rules?enabled=true')).body).toEqual([]);
    expect((await call('GET', '/api/risk/rules/not-a-uuid')).status).toBe(400);
    expect((await call('GET', '/api/risk/rules/2b1e0d9e-5f5c-4f8e-9d59-1c0f3e0f9a11')).status).toBe(404);
    const after = await lodgeAndScore(mangoes());
    expect(after.risk.reasons.some((r: Body) => r.text.startsWith('rule '))).toBe(false);
  });

  it('records officers\' feedback on a reason, and keeps every assessment of every version', async () => {
    const d = await lodgeAndScore(mangoes());
    const reasons = d.risk.reasons;
    expect(reasons.length).toBeGreaterThan(0);
    expect((await call('POST', `/api/risk/assessments/${d.id}/feedback`, { reasonIndex: 0, agree: false }, ['engineer'])).status).toBe(403);
    expect((await call('POST', `/api/risk/assessments/${d.id}/feedback`, { reasonIndex: 99, agree: false })).body.field).toBe('reasonIndex');
    expect((await call('POST', `/api/risk/assessments/${d.id}/feedback`, { reasonIndex: 0 })).body.field).toBe('agree');
    const given = await call('POST', `/api/risk/assessments/${d.id}/feedback`, { reasonIndex: 0, agree: false, note: 'the description matches 0804.50' });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ reasonIndex: 0, agree: false, reasonText: reasons[0].text, by: 'test-officer', version: 1 });

    const amended = await call('POST', `/api/declarations/${d.id}/amendments`, { reason: 'corrected the unit value', declaration: mangoes({ value: '90000.00' }) }, ['trader']);
    expect(amended.status).toBe(201);
    await host.app.get(JobQueue).idle(SCORE_QUEUE);
    const v2 = await until('version 2 assessed', () => declaration(d.id), (v) => v.status === 'risk-assessed');
    expect(v2.risk.version).toBe(2);
    const trail = (await call('GET', `/api/risk/assessments/${d.id}`, undefined, ['manager'])).body;
    expect(trail.latest).toMatchObject({ version: 2, trigger: 'amended', outcome: 'recorded' });
    expect(trail.history.map((a: Body) => a.version)).toEqual([2, 1]);
    expect(trail.feedback).toEqual([expect.objectContaining({ reasonIndex: 0, agree: false, note: 'the description matches 0804.50' })]);
    expect((await call('GET', `/api/risk/assessments/${d.id}`, undefined, ['trader'])).status).toBe(403);
    expect((await call('GET', '/api/risk/assessments/2b1e0d9e-5f5c-4f8e-9d59-1c0f3e0f9a11')).status).toBe(404);
  });

  it('scores an ad-hoc declaration without storing it', async () => {
    const dry = async () => (await call('POST', '/api/risk/rules/dry-run', { rule: { name: 'all', scope: 'national', conditions: [{ field: 'itemCount', op: 'gte', value: 1 }], action: { type: 'raise', by: 0.1 } } })).body.evaluated;
    const stored = await dry();
    const scored = await call('POST', '/api/risk/score', { declaration: mangoes() }, ['engineer']);
    expect(scored.status).toBe(200);
    expect(scored.body).toMatchObject({ random: false, items: [expect.objectContaining({ itemIndex: 0, hsCode: '08045010', origin: 'MX' }), expect.objectContaining({ itemIndex: 1 })] });
    expect(scored.body.items[0].probabilities.misclassification).toBeGreaterThan(scored.body.items[1].probabilities.misclassification);
    expect(scored.body.reasons.map((r: Body) => r.text)).toContain('item 1 (HS 0804.50.10 from MX): HS code 0804.50: 3 of 3 past inspections found misclassification');
    expect(await dry()).toBe(stored);
    expect((await call('POST', '/api/risk/score', { declaration: mangoes() }, ['trader'])).status).toBe(403);
    const invalid = await call('POST', '/api/risk/score', { declaration: { ...mangoes(), items: [{ ...mangoes().items[0], hsCode: '99' }] } }, ['officer']);
    expect(invalid.status).toBe(400);
    expect(invalid.body.field).toBe('declaration.items[0].hsCode');
    expect((await call('POST', '/api/risk/score', { declaration: mangoes(), extra: 1 }, ['admin'])).body.field).toBe('extra');
  });
});

describe.each(testModes())('the random compliance sample on $name', (mode) => {
  let host: TestApp;
  afterAll(async () => host?.close());

  it('draws at RISK_RANDOM_SAMPLING_RATE and reports the draw as random, not as risk', async () => {
    host = await startTestApp(RiskHost.forRoot, mode, { RISK_RANDOM_SAMPLING_RATE: '1' });
    const ids: string[] = [];
    for (const body of generateDeclarations({ seed: 11, count: 3, type: 'IM' })) {
      const response = await fetch(`${host.url}/api/declarations`, { method: 'POST', headers: { ...host.auth('trader'), 'content-type': 'application/json' }, body: JSON.stringify(body) });
      ids.push(((await response.json()) as Body).id);
    }
    await host.app.get(JobQueue).idle(SCORE_QUEUE);
    for (const id of ids) {
      let d: Body;
      for (let i = 0; i < 400 && d?.status !== 'risk-assessed'; i++) {
        d = await (await fetch(`${host.url}/api/declarations/${id}`, { headers: host.auth('officer') })).json();
        if (d.status !== 'risk-assessed') await new Promise((r) => setTimeout(r, 25));
      }
      expect(d.risk).toMatchObject({ channel: 'red', selected: false, random: true });
      expect(d.risk.reasons.at(-1).text).toBe('selected by the random compliance sample (100% of declarations), not by risk');
      const audit = await (await fetch(`${host.url}/api/risk/assessments/${id}`, { headers: host.auth('engineer') })).json();
      expect(audit.latest.audit.selection).toMatchObject({ basis: 'random', randomRate: 1, seed: expect.any(Number), draw: expect.any(Number) });
    }
  });
});
