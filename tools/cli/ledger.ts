// npm run ledger -- root FILE   RFC 9162 root of the tree whose leaves are FILE's lines (hex bytes); last line: the root
// npm run ledger -- audit       recomputes the stored log and names the first index that no longer matches what was signed
import 'reflect-metadata';
import { auditLedger, LEDGER_ENTITIES, rootFromHexLinesFile } from '@corridor/ledger';
import { ConfigError, dataSourceOptions, loadConfig } from '@corridor/platform';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';

function fail(message: string, code = 2): never {
  process.stderr.write(`ledger: ${message}\n`);
  process.exit(code);
}

function root(file: string | undefined): void {
  if (!file) fail('usage: npm run ledger -- root FILE');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    process.stdout.write(`${rootFromHexLinesFile(text)}\n`);
  } catch (error) {
    fail(`${file}: ${(error as Error).message}`, 1);
  }
}

async function audit(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration: ${error.message}`);
    throw error;
  }
  const db = new DataSource({ ...dataSourceOptions(config, []), entities: LEDGER_ENTITIES, migrationsRun: false });
  await db.initialize();
  try {
    const tty = process.stderr.isTTY;
    const report = await auditLedger(db, (done, total) => {
      if (tty) process.stderr.write(`\raudited ${done}/${total} entries`);
    });
    if (tty) process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.stdout.write(report.ok
      ? `OK: ${report.entries} entries match ${report.treeHeads} signed tree heads\n`
      : `MISMATCH at index ${report.firstBadIndex ?? '?'}: ${report.reason}\n`);
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === 'root') root(args[0]);
else if (command === 'audit') audit().catch((error) => fail((error as Error).message));
else fail('usage: npm run ledger -- root FILE | audit');
