// npm run openapi          writes apps/corridor/openapi.json from the running code
// npm run openapi -- --check  exits 1 when the committed document differs from the code's
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { buildOpenApiDocument, createHttpApp, loadConfig } from '@corridor/platform';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CorridorModule } from './corridor.module';

const FILE = resolve(__dirname, '../openapi.json');

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const config = loadConfig({ DATA_DIR: ':memory:', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const app = await createHttpApp(CorridorModule.forRoot(config));
  const generated = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  if (process.argv.includes('--check')) {
    let committed: string;
    try {
      committed = readFileSync(FILE, 'utf8');
    } catch {
      committed = '';
    }
    if (committed !== generated) {
      process.stderr.write(`OpenAPI drift: ${FILE} differs from the document the code generates. Run "npm run openapi" and commit the result.\n`);
      process.exit(1);
    }
    process.stdout.write(`OpenAPI document is up to date (${Object.keys(JSON.parse(generated).paths).length} paths)\n`);
    return;
  }
  writeFileSync(FILE, generated);
  process.stdout.write(`wrote ${FILE}\n`);
}

main().catch((error) => {
  process.stderr.write(`openapi: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
