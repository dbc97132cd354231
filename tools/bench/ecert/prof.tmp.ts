import 'reflect-metadata';
import { CommandBus } from '@nestjs/cqrs';
import { DynamicModule, Module } from '@nestjs/common';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { ECERT_MIGRATIONS, EcertModule, IssueCertificate, RegisterAgency, VerifyCertificates } from '@corridor/ecert';
import { QueryBus } from '@nestjs/cqrs';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { createHttpApp, CorridorConfig, loadConfig, PlatformModule } from '@corridor/platform';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
@Module({})
class H { static forRoot(config: CorridorConfig): DynamicModule { return { module: H, imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...ECERT_MIGRATIONS] }), LedgerModule, DeclarationsModule, EcertModule] }; } }
const EX = JSON.parse(readFileSync(resolve('tools/examples/e-coo.json'), 'utf8'));
(async () => {
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(40), DATA_DIR: mkdtempSync(join(tmpdir(), 'pp-')) });
  const app = await createHttpApp(H.forRoot(config));
  await app.init();
  const bus = app.get(CommandBus);
  const p = { id: 'a', roles: ['admin'] as const };
  const agency = await bus.execute(new RegisterAgency({ name: 'A', country: 'CA' }, p as never));
  const run = async (n: number, c: number) => { let next = 0; const t = performance.now(); await Promise.all(Array.from({ length: c }, async () => { while (next < n) { const i = next++; await bus.execute(new IssueCertificate({ ...EX, agencyId: agency.id, data: { ...EX.data, invoice: { number: `I-${i}` } } }, p as never)); } })); return Math.round(n / (performance.now() - t) * 1000); };
  const docs: unknown[] = [];
  const run2 = async (n: number, c: number) => { let next = 0; const t = performance.now(); await Promise.all(Array.from({ length: c }, async () => { while (next < n) { const i = next++; docs.push((await bus.execute(new IssueCertificate({ ...EX, agencyId: agency.id, data: { ...EX.data, invoice: { number: `I-${i}` } } }, p as never))).document); } })); return Math.round(n / (performance.now() - t) * 1000); };
  console.log('issue/s', await run2(6000, 64));
  const q = app.get(QueryBus);
  const verify = async (from: number, to: number, chunk: number) => { const t = performance.now(); for (let i = from; i < to; i += chunk) await q.execute(new VerifyCertificates(docs.slice(i, i + chunk))); return Math.round((to - from) / (performance.now() - t) * 1000); };
  console.log('warm verify', await verify(0, 1000, 32));
  const { Session } = await import('node:inspector/promises');
  const session = new Session(); session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.start');
  console.log('verify/s inline', await verify(1000, 6000, 32));
  const { profile } = await session.post('Profiler.stop');
  (await import('node:fs')).writeFileSync('/tmp/verify.cpuprofile', JSON.stringify(profile));
  await app.close();
})();
