import { DynamicModule, Module } from '@nestjs/common';
import { CorridorConfig, PlatformModule } from '@corridor/platform';
import { startTestApp, testModes, type TestApp } from '@corridor/platform/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJsonBytes } from '../canonical-json';
import { verifyConsistencyBetweenSths, verifyInclusionAgainstSth } from '../sth/signed-tree-head';
import { auditLedger } from './ledger-audit';
import { LEDGER_MIGRATIONS } from './ledger.migrations';
import { LedgerModule } from './ledger.module';

@Module({})
class LedgerHost {
  static forRoot(config: CorridorConfig): DynamicModule {
    return { module: LedgerHost, imports: [PlatformModule.forRoot({ config, migrations: LEDGER_MIGRATIONS }), LedgerModule] };
  }
}

describe.each(testModes())('the ledger on $name', (mode) => {
  let host: TestApp;
  const post = (body: unknown, roles: Parameters<TestApp['auth']> = ['admin']) =>
    fetch(`${host.url}/api/ledger/entries`, { method: 'POST', headers: { ...host.auth(...roles), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const get = async (path: string) => {
    const response = await fetch(`${host.url}${path}`);
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    host = await startTestApp(LedgerHost.forRoot, mode);
  });
  afterAll(async () => host?.close());

  it('starts with a signed empty tree and publishes its key', async () => {
    const { body: sth } = await get('/api/ledger/sth');
    expect(sth.treeSize).toBe(0);
    expect(sth.rootHash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const { body: keys } = await get('/api/ledger/keys');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ keyId: sth.keyId, algorithm: 'Ed25519', active: true });
  });

  it('guards writes by role', async () => {
    expect((await fetch(`${host.url}/api/ledger/entries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"json":1}' })).status).toBe(401);
    expect((await post({ json: 1 }, ['trader'])).status).toBe(403);
  });

  it('gives concurrent appends distinct, gapless indexes, each provably included', async () => {
    const before = (await get('/api/ledger/sth')).body.treeSize;
    const values = Array.from({ length: 120 }, (_, i) => ({ declaration: `d-${i}`, version: 1, n: i }));
    const responses = await Promise.all(values.map((json) => post({ json })));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const appended = await Promise.all(responses.map((r) => r.json()));
    const indexes = appended.map((a) => a.index).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 120 }, (_, i) => before + i));

    const { body: keys } = await get('/api/ledger/keys');
    const { body: sth } = await get('/api/ledger/sth');
    for (const i of [0, 17, 119]) {
      const at = appended[i];
      const { status, body: proof } = await get(`/api/ledger/proof/inclusion?index=${at.index}&size=${sth.treeSize}`);
      expect(status).toBe(200);
      expect(verifyInclusionAgainstSth(proof, { entry: canonicalJsonBytes(values[i]) }, sth, keys[0].publicKey)).toEqual({ ok: true });
      expect(verifyInclusionAgainstSth(proof, { entry: canonicalJsonBytes({ ...values[i], n: -1 }) }, sth, keys[0].publicKey).ok).toBe(false);
    }
  });

  it('proves that a later tree head extends an earlier one', async () => {
    const first = (await get('/api/ledger/sth')).body;
    await post({ hex: 'deadbeef' });
    const second = (await get('/api/ledger/sth')).body;
    const { body: proof } = await get(`/api/ledger/proof/consistency?from=${first.treeSize}&to=${second.treeSize}`);
    const { body: keys } = await get('/api/ledger/keys');
    expect(verifyConsistencyBetweenSths(proof, first, second, keys[0].publicKey)).toEqual({ ok: true });
    expect((await get(`/api/ledger/entries/${second.treeSize - 1}`)).body.entry).toBe('deadbeef');
  });

  it.each([
    ['/api/ledger/proof/inclusion?index=-1', 'index'],
    ['/api/ledger/proof/inclusion?index=abc', 'index'],
    ['/api/ledger/proof/inclusion', 'index'],
    ['/api/ledger/proof/inclusion?index=0&size=99999999', 'size'],
    ['/api/ledger/proof/inclusion?index=5&size=5', 'index'],
    ['/api/ledger/proof/consistency?from=5&to=2', 'from'],
    ['/api/ledger/proof/consistency?from=1&to=1.5', 'to'],
  ])('rejects %s naming %s', async (path, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.field).toBe(field);
  });

  it('rejects entries that are not JSON or hex', async () => {
    expect((await post({ hex: 'xyz' })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect((await post({ json: { deep: 1 } })).status).toBe(201);
  });

  it('audits clean, then names the first index changed behind its back', async () => {
    const db = host.app.get<DataSource>(getDataSourceToken());
    const clean = await auditLedger(db);
    expect(clean).toMatchObject({ ok: true });
    expect(clean.entries).toBeGreaterThan(100);

    const target = 42;
    const original: Array<{ entry: string }> = await db.query(`SELECT entry FROM ledger_entries WHERE idx = ${target}`);
    await db.query(`UPDATE ledger_entries SET entry = '${Buffer.from('{"forged":true}').toString('base64')}' WHERE idx = ${target}`);
    expect(await auditLedger(db)).toMatchObject({ ok: false, firstBadIndex: target });

    // A careful forger also rewrites the stored leaf hash: the signed roots still catch it.
    const { hashLeaf } = await import('../merkle/hashing');
    const { bytesToHex } = await import('../hex');
    await db.query(`UPDATE ledger_nodes SET hash = '${bytesToHex(hashLeaf(Buffer.from('{"forged":true}')))}' WHERE level = 0 AND idx = ${target}`);
    const forged = await auditLedger(db);
    expect(forged.ok).toBe(false);
    expect(forged.firstBadIndex).toBeLessThanOrEqual(target);
    expect(forged.reason).toMatch(/signed tree head/);
    await db.query(`UPDATE ledger_entries SET entry = '${original[0].entry}' WHERE idx = ${target}`);
  });
});

const postgresUrl = testModes().find((m) => m.databaseUrl)?.databaseUrl;

describe.skipIf(!postgresUrl)('the ledger with two processes appending to one PostgreSQL log', () => {
  it('never gives two entries one index, nor leaves a gap', async () => {
    const first = await startTestApp(LedgerHost.forRoot, { name: 'postgres', databaseUrl: postgresUrl });
    const second = await startTestApp(LedgerHost.forRoot, { name: 'postgres', databaseUrl: postgresUrl }, { DATABASE_SCHEMA: first.config.databaseSchema as string });
    try {
      const fire = (host: TestApp, tag: string) => Array.from({ length: 150 }, (_, i) =>
        fetch(`${host.url}/api/ledger/entries`, { method: 'POST', headers: { ...host.auth('admin'), 'content-type': 'application/json' }, body: JSON.stringify({ json: { tag, i } }) }).then((r) => r.json()));
      const results = await Promise.all([...fire(first, 'a'), ...fire(second, 'b')]);
      const indexes = results.map((r) => r.index).sort((a, b) => a - b);
      expect(indexes).toEqual(Array.from({ length: 300 }, (_, i) => i));
      expect(await auditLedger(first.app.get<DataSource>(getDataSourceToken()))).toMatchObject({ ok: true, entries: 300 });
    } finally {
      await second.close();
      await first.close();
    }
  });
});
