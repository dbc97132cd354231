import { DynamicModule, Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { bytesToHex, canonicalJson, canonicalJsonBytes, LEDGER_MIGRATIONS, LedgerModule, sha256, verifyInclusionAgainstSth } from '@corridor/ledger';
import { CorridorConfig, PlatformModule, type Role } from '@corridor/platform';
import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordRiskAssessment } from './change-status/change-status.command';
import { DeclarationsModule } from './declarations.module';
import { DECLARATION_MIGRATIONS } from './persistence/declaration.migrations';

@Module({})
class DeclarationsHost {
  static forRoot(config: CorridorConfig): DynamicModule {
    return { module: DeclarationsHost, imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS] }), LedgerModule, DeclarationsModule] };
  }
}

const example = JSON.parse(readFileSync(resolve(__dirname, '../../../tools/examples/declaration.json'), 'utf8'));
const clone = () => structuredClone(example);

describe.each(testModes())('declarations on $name', (mode) => {
  let host: TestApp;
  const call = async (method: string, path: string, body?: unknown, roles: Role[] = ['trader'], headers: Record<string, string> = {}) => {
    const response = await fetch(`${host.url}${path}`, {
      method,
      headers: { ...host.auth(...roles), 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const lodge = (body: unknown, headers: Record<string, string> = {}, roles: Role[] = ['trader']) => call('POST', '/api/declarations', body, roles, headers);
  const total = async () => (await call('GET', '/api/declarations?limit=1')).body.total as number;

  beforeAll(async () => {
    host = await startTestApp(DeclarationsHost.forRoot, mode);
  });
  afterAll(async () => host?.close());

  it('lodges the example as is, as version 1, notarised in the ledger', async () => {
    const { status, body } = await lodge(example);
    expect(status).toBe(201);
    expect(body).toMatchObject({ version: 1, status: 'lodged', type: 'IM', discrepancies: [], allowedTransitions: ['risk-assessed', 'cancelled'] });
    expect(body.declaration.conveyance.plate).toEqual({ jurisdiction: 'CA-ON', number: 'AB12345' });
    expect(body.hash).toBe(bytesToHex(sha256(new TextEncoder().encode(canonicalJson(body.declaration)))));

    const proof = await call('GET', `/api/ledger/proof/inclusion?index=${body.ledger.index}`);
    const sth = await call('GET', '/api/ledger/sth');
    const keys = await call('GET', '/api/ledger/keys');
    const entry = { type: 'corridor.declaration.v1', declarationId: body.id, version: 1, sha256: body.hash };
    expect(body.ledger.entry).toEqual(entry);
    expect(verifyInclusionAgainstSth(proof.body, { entry: canonicalJsonBytes(entry) }, sth.body, keys.body[0].publicKey)).toEqual({ ok: true });
  });

  it('replays an Idempotency-Key and refuses the key with another body', async () => {
    const first = await lodge(example, { 'idempotency-key': 'order-77' });
    const replay = await lodge(example, { 'idempotency-key': 'order-77' });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.body.replayed).toBe(true);
    const before = await total();
    const changed = clone();
    changed.items[0].quantity = 481;
    const conflict = await lodge(changed, { 'idempotency-key': 'order-77' });
    expect(conflict.status).toBe(422);
    expect(conflict.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await total()).toBe(before);
    const otherCaller = await lodge(example, { 'idempotency-key': 'order-77' }, ['broker']);
    expect(otherCaller.body.id).not.toBe(first.body.id);
  });

  it('stores every one of many concurrent lodgements with its own ledger entry', async () => {
    const before = await total();
    const responses = await Promise.all(Array.from({ length: 40 }, () => lodge(example)));
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(201));
    expect(new Set(responses.map((r) => r.body.ledger.index)).size).toBe(40);
    expect(await total()).toBe(before + 40);
  });

  it('never lodges twice for one Idempotency-Key sent concurrently', async () => {
    const before = await total();
    const responses = await Promise.all(Array.from({ length: 5 }, () => lodge(example, { 'idempotency-key': 'burst-1' })));
    const created = responses.filter((r) => r.status === 201);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(await total()).toBe(before + 1);
  });

  it('keeps version 1 readable unchanged after an amendment', async () => {
    const { body: v1 } = await lodge(example);
    const amended = clone();
    amended.items[1].hsCode = '8708.80.65';
    const { status, body: v2 } = await call('POST', `/api/declarations/${v1.id}/amendments`, { reason: 'corrected HS code of item 2', declaration: amended });
    expect(status).toBe(201);
    expect(v2).toMatchObject({ id: v1.id, version: 2, reason: 'corrected HS code of item 2', status: 'lodged' });
    expect(v2.ledger.index).toBeGreaterThan(v1.ledger.index);
    expect(v2.discrepancies).toEqual([{ field: 'items[1].hsCode', document: 'invoice', declared: '87088065', documented: '870899' }]);
    const again = await call('GET', `/api/declarations/${v1.id}/versions/1`);
    expect(again.body.declaration).toEqual(v1.declaration);
    expect(again.body.hash).toBe(v1.hash);
    expect((await call('GET', `/api/declarations/${v1.id}`)).body.version).toBe(2);
    expect((await call('GET', `/api/declarations/${v1.id}/versions/3`)).status).toBe(404);
  });

  it('answers "what is this truck carrying?" by plate, transponder and carrier', async () => {
    const other = clone();
    other.conveyance = { mode: 'road', plate: { jurisdiction: 'US-MI', number: 'ZX 9981' }, carrierId: 'US444000222' };
    other.expectedArrival = '2026-11-26T07:00:00Z';
    const { body: lodged } = await lodge(other);
    const byPlate = await call('GET', '/api/declarations?plate=US-MI:ZX9981', undefined, ['officer']);
    expect(byPlate.body.items.map((d: { id: string }) => d.id)).toEqual([lodged.id]);
    expect(byPlate.body.items[0]).toMatchObject({ plate: 'US-MI:ZX9981', carrierId: 'US444000222', status: 'lodged', itemCount: 2 });
    const byCarrier = await call('GET', '/api/declarations?carrierId=US444000222&status=lodged', undefined, ['officer']);
    expect(byCarrier.body.total).toBe(1);
    const byTransponder = await call('GET', '/api/declarations?transponder=3034257bf7194e4000001a85&limit=2&page=1', undefined, ['officer']);
    expect(byTransponder.body.items.length).toBe(2);
    expect(byTransponder.body.total).toBeGreaterThan(2);
    const window = await call('GET', '/api/declarations?from=2026-11-26T06:00:00Z&to=2026-11-26T08:00:00Z', undefined, ['officer']);
    expect(window.body.items.map((d: { id: string }) => d.id)).toEqual([lodged.id]);
    expect((await call('GET', '/api/declarations?plate=nonsense')).status).toBe(400);
    expect((await call('GET', '/api/declarations?limit=5000')).body.field).toBe('limit');
  });

  it('moves through risk, referral, inspection and clearance, and refuses illegal transitions with 409', async () => {
    const { body: d } = await lodge(example);
    expect((await call('POST', `/api/declarations/${d.id}/status`, { status: 'released' }, ['officer'])).status).toBe(409);
    const commands = host.app.get(CommandBus);
    const assessed = await commands.execute(new RecordRiskAssessment(d.id, { version: 1, score: 0.91, channel: 'red', selected: true, random: false, reasons: [{ text: 'test reason' }], assessedAt: new Date().toISOString() }));
    expect(assessed.status).toBe('risk-assessed');
    expect((await call('POST', `/api/declarations/${d.id}/status`, { status: 'referred' }, ['trader'])).status).toBe(403);
    expect((await call('POST', `/api/declarations/${d.id}/status`, { status: 'referred', note: 'red channel' }, ['officer'])).body.status).toBe('referred');
    expect((await call('POST', `/api/declarations/${d.id}/status`, { status: 'inspected', inspection: { result: 'non-compliant' } }, ['officer'])).body.field).toBe('inspection.findings');
    const inspected = await call('POST', `/api/declarations/${d.id}/status`, { status: 'inspected', inspection: { result: 'non-compliant', findings: [{ itemIndex: 0, errorType: 'undervaluation' }] } }, ['officer']);
    expect(inspected.body.status).toBe('inspected');
    expect((await call('POST', `/api/declarations/${d.id}/status`, { status: 'cleared' }, ['officer'])).body.status).toBe('cleared');
    const again = await call('POST', `/api/declarations/${d.id}/status`, { status: 'released' }, ['officer']);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DECLARATION.INVALID_TRANSITION');
    expect((await call('POST', `/api/declarations/${d.id}/amendments`, { reason: 'late', declaration: example })).status).toBe(409);
    const history = await call('GET', `/api/declarations/${d.id}/history`);
    expect(history.body.map((h: { status: string }) => h.status)).toEqual(['lodged', 'risk-assessed', 'referred', 'inspected', 'cleared']);
  });

  it('lets the declarant cancel before a decision', async () => {
    const { body: d } = await lodge(example);
    expect((await call('POST', `/api/declarations/${d.id}/status`, { status: 'cancelled', note: 'duplicate' })).body.status).toBe('cancelled');
  });

  it('records document discrepancies with the field and both values', async () => {
    const body = clone();
    body.documents.invoice.total.amount = '97400.00';
    body.documents.billOfLading.grossMassKg = 18000;
    const { body: d } = await lodge(body);
    expect(d.discrepancies).toEqual(expect.arrayContaining([
      { field: 'items[].value', document: 'invoice', declared: '137400.00 USD', documented: '97400.00 USD' },
      { field: 'items[].grossMassKg', document: 'billOfLading', declared: '13420', documented: '18000' },
    ]));
  });

  describe('bad input', () => {
    const cases: Array<[string, (d: ReturnType<typeof clone>) => unknown, string]> = [
      ['a bad HS code', (d) => { d.items[0].hsCode = '99'; return d; }, 'items[0].hsCode'],
      ['an unknown currency', (d) => { d.items[1].value.currency = 'XYZ'; return d; }, 'items[1].value.currency'],
      ['an unknown country', (d) => { d.items[0].origin = 'QQ'; return d; }, 'items[0].origin'],
      ['a wrong type', (d) => { d.items[0].quantity = '480'; return d; }, 'items[0].quantity'],
      ['a huge number', (d) => { d.items[0].quantity = 1e300; return d; }, 'items[0].quantity'],
      ['a huge amount', (d) => { d.items[0].value.amount = '1'.repeat(40); return d; }, 'items[0].value.amount'],
      ['a bad container check digit', (d) => { d.containers = ['CSQU3054384']; return d; }, 'containers[0]'],
      ['a missing importer on an import', (d) => { delete d.importer; return d; }, 'importer'],
      ['an unknown field', (d) => { d.colour = 'red'; return d; }, 'colour'],
      ['items as a string', (d) => { d.items = 'many'; return d; }, 'items'],
      ['1,000 items', (d) => { d.items = Array.from({ length: 1000 }, () => d.items[0]); delete d.documents; return d; }, 'items'],
      ['an array body', () => [example], 'body'],
      ['an empty body', () => ({}), 'type'],
    ];
    it.each(cases)('rejects %s with a 400 naming the field, storing nothing', async (_name, mutate, field) => {
      const before = await total();
      const { status, body } = await lodge(mutate(clone()));
      expect(status).toBe(400);
      expect(body.field).toBe(field);
      expect(body.message).toContain(field);
      expect(await total()).toBe(before);
    });

    it('rejects malformed JSON, a 2 MB body, no token and the wrong role', async () => {
      expect((await lodge('{"type":')).status).toBe(400);
      expect((await lodge({ ...example, padding: 'x'.repeat(2 * 1024 * 1024) })).status).toBe(413);
      expect((await fetch(`${host.url}/api/declarations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(example) })).status).toBe(401);
      expect((await lodge(example, {}, ['officer'])).status).toBe(403);
      expect((await call('GET', '/api/declarations/not-a-uuid')).status).toBe(400);
      expect((await call('GET', '/api/declarations/2b1e0d9e-5f5c-4f8e-9d59-1c0f3e0f9a11')).status).toBe(404);
    });

    it('lists every bad field, not only the first', async () => {
      const d = clone();
      d.items[0].hsCode = '1';
      d.items[1].origin = 'ZZ';
      const { body } = await lodge(d);
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['items[0].hsCode', 'items[1].origin']);
    });
  });
});
