/**
 * DB-backed ledger benchmark. Run from the workspace root:
 *   node -r @swc-node/register tools/bench/ledger/ledger.bench.ts [--entries N] [--pg-entries N] [--wave N] [--proofs N] [--only sqlite|postgres]
 *
 * Boots a Nest application context with the platform and LedgerModule on SQLite in a temporary
 * DATA_DIR (and, when BENCH_DATABASE_URL is set, on PostgreSQL in a fresh schema), appends
 * entries through LedgerService.appendBytes in waves of concurrent promises (the service batches
 * them, up to 2,000 per transaction, one signed tree head per batch), then times inclusion proofs
 * (LedgerService.inclusionProof: tree head read + one batched node read) at random indexes.
 * Progress goes to stderr; a table and one JSON line go to stdout.
 *
 * Targets: >= 20,000 appends/s batched on SQLite; an inclusion proof < 2 ms at 1,000,000 entries.
 */
import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LEDGER_MIGRATIONS, LedgerModule, LedgerService, verifyInclusion } from '@corridor/ledger';
import { CorridorConfig, loadConfig, PlatformModule } from '@corridor/platform';
import { SingleBar } from 'cli-progress';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

const TARGET = { appendsPerSecond: 20_000, proofMs: 2 };

@Module({})
class LedgerBenchModule {
  static forRoot(config: CorridorConfig): DynamicModule {
    return { module: LedgerBenchModule, imports: [PlatformModule.forRoot({ config, migrations: LEDGER_MIGRATIONS }), LedgerModule] };
  }
}

interface Args { entries: number; pgEntries: number; wave: number; proofs: number; only?: 'sqlite' | 'postgres' }

function parseArgs(argv: string[]): Args {
  const args: Args = { entries: 1_000_000, pgEntries: 200_000, wave: 10_000, proofs: 2_000 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const raw = argv[++i];
    if (name === '--only') {
      if (raw !== 'sqlite' && raw !== 'postgres') fail(`--only must be sqlite or postgres, got ${raw ?? 'nothing'}`);
      args.only = raw;
      continue;
    }
    const value = Number(raw);
    if (raw === undefined || !Number.isInteger(value) || value < 1) fail(`${name} needs a whole number >= 1, got ${raw ?? 'nothing'}`);
    if (name === '--entries') args.entries = value;
    else if (name === '--pg-entries') args.pgEntries = value;
    else if (name === '--wave') args.wave = value;
    else if (name === '--proofs') args.proofs = value;
    else fail(`unknown option ${name}`);
  }
  return args;
}

function fail(message: string): never {
  process.stderr.write(`ledger.bench: ${message}\n`);
  process.exit(2);
}

/** ~100-byte entries shaped like the declarations context's notarisation records. */
function entryBytes(i: number): Uint8Array {
  const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const sha = (Math.imul(i, 2654435761) >>> 0).toString(16).padStart(64, '0');
  return Buffer.from(`{"declarationId":"${id}","sha256":"${sha}","type":"corridor.declaration.v1","version":1}`);
}

/** Seeded PRNG (mulberry32) so runs sample the same indexes. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface ModeResult {
  mode: string;
  entries: number;
  appendSeconds: number;
  appendsPerSecond: number;
  /** appends/s over the first and the last tenth of the run: does the rate hold as the tree grows? */
  firstTenthPerSecond: number;
  lastTenthPerSecond: number;
  proofs: number;
  proofMeanMs: number;
  proofP50Ms: number;
  proofP99Ms: number;
  proofMaxMs: number;
  proofPathLength: number;
  meetsTarget?: boolean;
}

async function runMode(mode: string, env: Record<string, string>, entries: number, args: Args): Promise<ModeResult> {
  const config = loadConfig(env);
  const context = await NestFactory.createApplicationContext(LedgerBenchModule.forRoot(config), { logger: false, abortOnError: false });
  try {
    const ledger = context.get(LedgerService);

    // Appends, in waves of concurrent promises that the service group-commits.
    const tty = process.stderr.isTTY;
    const bar = tty ? new SingleBar({ format: `[${mode}] append [{bar}] {value}/{total} {percentage}% | {rate}/s | eta {eta}s`, hideCursor: true }) : undefined;
    bar?.start(entries, 0, { rate: 0 });
    const tenth = Math.max(1, Math.floor(entries / 10));
    let firstTenthMs = 0;
    let lastTenthStart = 0;
    let lastTenthFrom = 0;
    let nextReport = 100_000;
    let reported = { done: 0, at: performance.now() };
    const started = performance.now();
    for (let done = 0; done < entries;) {
      const n = Math.min(args.wave, entries - done);
      if (lastTenthStart === 0 && done >= entries - tenth) {
        lastTenthStart = performance.now();
        lastTenthFrom = done;
      }
      const wave: Promise<unknown>[] = new Array(n);
      for (let k = 0; k < n; k++) wave[k] = ledger.appendBytes(entryBytes(done + k), 'application/json');
      const results = (await Promise.all(wave)) as Array<{ index: number }>;
      if (results[0].index !== done) throw new Error(`expected the wave to start at index ${done}, got ${results[0].index}`);
      done += n;
      if (firstTenthMs === 0 && done >= tenth) firstTenthMs = (performance.now() - started) * (tenth / done);
      const rate = Math.round(done / ((performance.now() - started) / 1000));
      bar?.update(done, { rate });
      if (!tty && done >= nextReport) {
        const now = performance.now();
        const recent = Math.round((done - reported.done) / ((now - reported.at) / 1000));
        process.stderr.write(`[${mode}] ${done}/${entries} appended, ${rate}/s overall, ${recent}/s for the last ${done - reported.done}, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB\n`);
        reported = { done, at: now };
        nextReport += 100_000;
      }
    }
    const appendMs = performance.now() - started;
    const lastTenthMs = performance.now() - (lastTenthStart || started);
    bar?.stop();

    const size = await ledger.size();
    if (size !== entries) throw new Error(`the ledger holds ${size} entries, expected ${entries}`);
    const head = await ledger.latestTreeHead();

    // Inclusion proofs at random indexes, one at a time, as a verifier would ask for them.
    process.stderr.write(`[${mode}] ${args.proofs} inclusion proofs at random indexes of ${entries}\n`);
    const random = mulberry32(2026);
    for (let w = 0; w < 100; w++) await ledger.inclusionProof(Math.floor(random() * entries)); // JIT warm-up, not timed
    const samples: number[] = [];
    let pathLength = 0;
    for (let s = 0; s < args.proofs; s++) {
      const index = Math.floor(random() * entries);
      const t0 = performance.now();
      const proof = await ledger.inclusionProof(index);
      samples.push(performance.now() - t0);
      pathLength = Math.max(pathLength, proof.inclusionPath.length);
      // Proofs must be real: verify a sample against the signed root.
      if (s % 100 === 0) {
        const verdict = verifyInclusion(proof, { entry: entryBytes(index) }, { treeSize: head.treeSize, rootHash: head.rootHash });
        if (!verdict.ok) throw new Error(`inclusion proof for ${index} does not verify: ${verdict.reason}`);
      }
    }
    samples.sort((a, b) => a - b);
    const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
    return {
      mode,
      entries,
      appendSeconds: round(appendMs / 1000, 2),
      appendsPerSecond: Math.round(entries / (appendMs / 1000)),
      firstTenthPerSecond: Math.round(tenth / (firstTenthMs / 1000)),
      lastTenthPerSecond: Math.round((entries - lastTenthFrom) / (lastTenthMs / 1000)),
      proofs: samples.length,
      proofMeanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length),
      proofP50Ms: round(percentile(samples, 50)),
      proofP99Ms: round(percentile(samples, 99)),
      proofMaxMs: round(samples[samples.length - 1]),
      proofPathLength: pathLength,
    };
  } finally {
    await context.close();
  }
}

async function withPg<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function table(results: ModeResult[]): string {
  const header = ['mode', 'entries', 'appends/s', 'first 10%/s', 'last 10%/s', 'proof mean ms', 'p50 ms', 'p99 ms', 'max ms', 'target'];
  const rows = results.map((r) => [r.mode, String(r.entries), String(r.appendsPerSecond), String(r.firstTenthPerSecond), String(r.lastTenthPerSecond), r.proofMeanMs.toFixed(3), r.proofP50Ms.toFixed(3), r.proofP99Ms.toFixed(3), r.proofMaxMs.toFixed(3), r.meetsTarget === undefined ? '-' : r.meetsTarget ? 'met' : 'MISSED']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'silent', JWT_SECRET: randomBytes(32).toString('hex') };
  const results: ModeResult[] = [];

  if (args.only !== 'postgres') {
    const dataDir = mkdtempSync(join(tmpdir(), 'corridor-ledger-bench-'));
    try {
      const sqlite = await runMode('sqlite', { ...common, DATA_DIR: dataDir }, args.entries, args);
      sqlite.meetsTarget = sqlite.appendsPerSecond >= TARGET.appendsPerSecond && sqlite.proofMeanMs < TARGET.proofMs;
      results.push(sqlite);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const databaseUrl = process.env.BENCH_DATABASE_URL?.trim();
  if (args.only !== 'sqlite' && databaseUrl) {
    const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'corridor-ledger-bench-pg-'));
    await withPg(databaseUrl, (client) => client.query(`CREATE SCHEMA "${schema}"`));
    try {
      results.push(await runMode('postgres', { ...common, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema }, args.pgEntries, args));
    } finally {
      await withPg(databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      rmSync(dataDir, { recursive: true, force: true });
    }
  } else if (args.only !== 'sqlite') {
    process.stderr.write('BENCH_DATABASE_URL is not set: PostgreSQL run skipped\n');
  }

  console.log(`\nLedgerService.appendBytes in waves of ${args.wave} (group commit, up to 2,000 per transaction); ${args.proofs} inclusion proofs at random indexes. Targets on SQLite: >= ${TARGET.appendsPerSecond} appends/s, proof < ${TARGET.proofMs} ms\n`);
  console.log(table(results));
  console.log(JSON.stringify({ bench: 'ledger.db', wave: args.wave, target: TARGET, results }));
}

main().catch((error) => {
  process.stderr.write(`ledger.bench: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
