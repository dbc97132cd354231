import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { ECERT_MIGRATIONS, EcertModule } from '@corridor/ecert';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { createHttpApp, CorridorConfig, loadConfig, PlatformModule, TokenService } from '@corridor/platform';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
@Module({})
class H { static forRoot(config: CorridorConfig): DynamicModule { return { module: H, imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...ECERT_MIGRATIONS] }), LedgerModule, DeclarationsModule, EcertModule] }; } }
const EX = JSON.parse(readFileSync(resolve('tools/examples/e-coo.json'), 'utf8'));
const autocannon = createRequire(__filename)('autocannon');
if (process.argv.includes('--serve')) {
  (async () => {
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(40), DATA_DIR: mkdtempSync(join(tmpdir(), 'pp-')) });
    const app = await createHttpApp(H.forRoot(config));
    await app.listen(0, '127.0.0.1');
    const token = app.get(TokenService).issue({ id: 'a', roles: ['admin'] });
    process.on('message', (m: { type: string }) => { if (m.type === 'cpu') process.send?.({ type: 'cpu', usage: process.cpuUsage() }); if (m.type === 'stop') process.exit(0); });
    process.send?.({ type: 'ready', url: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`, token });
  })();
} else {
  (async () => {
    const child = fork(__filename, ['--serve'], { execArgv: ['-r', '@swc-node/register'] });
    const ready: { url: string; token: string } = await new Promise((r) => child.once('message', r as never));
    const cpu = (): Promise<number> => new Promise((r) => { child.once('message', (m: { usage: NodeJS.CpuUsage }) => r(m.usage.user + m.usage.system)); child.send({ type: 'cpu' }); });
    const h = { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' };
    const agency = await (await fetch(`${ready.url}/api/agencies`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'A', country: 'CA' }) })).json();
    const doc = (await (await fetch(`${ready.url}/api/certificates`, { method: 'POST', headers: h, body: JSON.stringify({ ...EX, agencyId: agency.id }) })).json()).document;
    let n = 0;
    const cases: Array<[string, object]> = [
      ['GET /health', { method: 'GET', path: '/health' }],
      ['GET /api/auth/me', { method: 'GET', path: '/api/auth/me', headers: h }],
      ['GET /api/agencies/:id', { method: 'GET', path: `/api/agencies/${agency.id}` }],
      ['verify 1 doc', { method: 'POST', path: '/api/certificates/verify', headers: h, body: JSON.stringify({ document: doc }) }],
      ['issue', { method: 'POST', path: '/api/certificates', headers: h, setupRequest: (req: object) => ({ ...req, body: JSON.stringify({ ...EX, agencyId: agency.id, data: { ...EX.data, invoice: { number: `I-${n++}` } } }) }) }],
    ];
    for (const [name, request] of [...cases, ...cases]) {
      const c0 = await cpu();
      const result: { '2xx': number; duration: number; non2xx: number } = await new Promise((r) => autocannon({ url: ready.url, connections: 16, duration: 3, requests: [request] }, (_e: unknown, res: never) => r(res)));
      const c1 = await cpu();
      console.log(`${name.padEnd(22)} ${Math.round(result['2xx'] / result.duration)}/s  server CPU ${((c1 - c0) / result['2xx']).toFixed(0)} µs/request  non2xx ${result.non2xx}`);
    }
    child.send({ type: 'stop' });
  })();
}
