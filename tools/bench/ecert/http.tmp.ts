import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { ECERT_MIGRATIONS, EcertModule, RegisterAgency } from '@corridor/ecert';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { createHttpApp, CorridorConfig, loadConfig, PlatformModule, TokenService } from '@corridor/platform';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
@Module({})
class H { static forRoot(config: CorridorConfig): DynamicModule { return { module: H, imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...ECERT_MIGRATIONS] }), LedgerModule, DeclarationsModule, EcertModule] }; } }
const EX = JSON.parse(readFileSync(resolve('tools/examples/e-coo.json'), 'utf8'));
(async () => {
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(40), DATA_DIR: mkdtempSync(join(tmpdir(), 'pp-')) });
  const app = await createHttpApp(H.forRoot(config));
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const token = app.get(TokenService).issue({ id: 'a', roles: ['admin'] });
  const agency = await app.get(CommandBus).execute(new RegisterAgency({ name: 'A', country: 'CA' }, { id: 'a', roles: ['admin'] }));
  const post = (i: number) => fetch(`${url}/api/certificates`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...EX, agencyId: agency.id, data: { ...EX.data, invoice: { number: `I-${i}` } } }) }).then((r) => r.text());
  for (const c of [1, 1, 8, 32]) {
    let next = 0; const n = 400; const t = performance.now();
    await Promise.all(Array.from({ length: c }, async () => { while (next < n) { next++; await post(next); } }));
    console.log(`concurrency ${c}: ${Math.round(n / (performance.now() - t) * 1000)}/s`);
  }
  await app.close();
})();
