/**
 * Lodgement throughput over HTTP. Run from the workspace root:
 *   node -r @swc-node/register tools/bench/declarations/declarations.bench.ts [--duration S | --amount N]
 *     [--connections C] [--count N] [--seed S] [--warmup N] [--only sqlite|postgres] [--profile] [--preload FILE]
 *
 * Boots the all-in-one host (platform + ledger + declarations, what CorridorModule wires) in a
 * child process on a free port: embedded SQLite in a temporary DATA_DIR, and, when
 * BENCH_DATABASE_URL is set, a second run on PostgreSQL in a fresh schema. The parent
 * pre-generates synthetic declarations and drives POST /api/declarations with autocannon, each
 * request a different body, as a trader; server and load generator run in separate processes so
 * each can have a core. Every lodgement includes its ledger append (group commit). Prints
 * lodgements/s, p50/p99 latency and non-2xx counts per mode, then one JSON line. It also prints
 * the server's CPU time per lodgement and how busy its event loop was: wall-clock rates move
 * with whatever else the machine runs, CPU per lodgement much less.
 *
 * --profile writes the server's V8 CPU profile of the measured phase only (no start-up, no
 * warm-up) under tmp/bench-profiles; open it in Chrome DevTools.
 * --preload FILE loads FILE into the server first (node -r): a way to try a change (a patched
 * module, a PRAGMA) and measure it without editing the libraries.
 * Target: >= 500 lodgements/s with p99 < 100 ms on SQLite.
 */
import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { DECLARATION_MIGRATIONS, DeclarationsModule, generateDeclarations } from '@corridor/declarations';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { createHttpApp, CorridorConfig, loadConfig, PlatformModule, TokenService } from '@corridor/platform';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Client } from 'pg';

const TARGET = { lodgementsPerSecond: 500, p99Ms: 100 };

// autocannon ships no types (and @types/autocannon is not installed): the little used here.
interface CannonRequest { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string; setupRequest?: (request: CannonRequest) => CannonRequest }
interface CannonOptions { url: string; connections: number; duration?: number; amount?: number; requests: CannonRequest[] }
interface CannonResult {
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; max: number };
  requests: { total: number };
  statusCodeStats?: Record<string, { count: number }>;
}
interface CannonInstance { on(event: 'response' | 'done', listener: () => void): void }
const autocannon = createRequire(__filename)('autocannon') as (options: CannonOptions, done: (error: Error | null, result: CannonResult) => void) => CannonInstance;

/** The host the bench boots: what apps/corridor's CorridorModule wires, built from the libraries. */
@Module({})
class BenchHostModule {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: BenchHostModule,
      imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS] }), LedgerModule, DeclarationsModule],
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Server side (child process)

interface Ready { type: 'ready'; url: string; token: string }
/** The server's own CPU time and event-loop utilisation: robust to other load on the machine, unlike wall-clock rates. */
interface Usage { type: 'usage'; cpu: NodeJS.CpuUsage; elu: EventLoopUtilization }

async function serve(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createHttpApp(BenchHostModule.forRoot(config));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const token = app.get(TokenService).issue({ id: 'bench-trader', roles: ['trader'] });
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}`, token } satisfies Ready);
  let profiler: Session | undefined;
  process.on('message', (message: { type?: string; file?: string }) => {
    if (message?.type === 'usage') process.send?.({ type: 'usage', cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() } satisfies Usage);
    if (message?.type === 'profile-start') {
      profiler = new Session();
      profiler.connect();
      profiler.post('Profiler.enable', () => profiler?.post('Profiler.start', () => process.send?.({ type: 'profiling' })));
    }
    if (message?.type === 'profile-stop' && profiler && message.file) {
      const file = message.file;
      profiler.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(file, JSON.stringify(result.profile));
        profiler?.disconnect();
        process.send?.({ type: 'profiled', file });
      });
    }
    if (message?.type === 'stop') void app.close().then(() => process.exit(0));
  });
}

// ---------------------------------------------------------------------------------------------
// Load generator (parent)

interface Args { duration: number; amount?: number; connections: number; count: number; seed: number; profile: boolean; warmup: number; preload: string[]; only?: string }

function parseArgs(argv: string[]): Args {
  const args: Args = { duration: 10, connections: 20, count: 5000, seed: 1, profile: false, warmup: 500, preload: [] };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === '--profile') {
      args.profile = true;
      continue;
    }
    if (name === '--preload' || name === '--only') {
      const value = argv[++i];
      if (!value) fail(`${name} needs a value`);
      if (name === '--preload') args.preload.push(resolve(value));
      else if (value === 'sqlite' || value === 'postgres') args.only = value;
      else fail(`--only must be sqlite or postgres, got ${value}`);
      continue;
    }
    const raw = argv[++i];
    const value = Number(raw);
    if (raw === undefined || !Number.isInteger(value) || value < 0) fail(`${name} needs a whole number, got ${raw ?? 'nothing'}`);
    if (name === '--duration') args.duration = value;
    else if (name === '--amount') args.amount = value;
    else if (name === '--connections') args.connections = Math.max(1, value);
    else if (name === '--count') args.count = Math.max(1, value);
    else if (name === '--seed') args.seed = value;
    else if (name === '--warmup') args.warmup = value;
    else fail(`unknown option ${name}`);
  }
  return args;
}

function fail(message: string): never {
  process.stderr.write(`declarations.bench: ${message}\n`);
  process.exit(2);
}

interface ModeResult {
  mode: string;
  lodgementsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  ledgerSize: number;
  declarations: number;
  /** Server CPU (user + system) per successful lodgement, and the share of the run its event loop was busy. */
  serverCpuMsPerLodgement: number;
  serverEventLoopBusy: number;
  meetsTarget?: boolean;
}

async function runMode(mode: string, env: Record<string, string>, bodies: Buffer[], args: Args): Promise<ModeResult> {
  const profileDir = resolve('tmp/bench-profiles');
  if (args.profile) mkdirSync(profileDir, { recursive: true });
  const child = fork(__filename, ['--serve'], {
    env: { ...process.env, ...env },
    execArgv: ['-r', '@swc-node/register', ...args.preload.flatMap((file) => ['-r', file])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await waitForReady(child);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${ready.token}` };
    let next = 0;
    const request = (): CannonRequest => ({
      method: 'POST',
      path: '/api/declarations',
      headers,
      setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
    });
    if (args.warmup > 0) {
      process.stderr.write(`[${mode}] warm-up: ${args.warmup} lodgements\n`);
      await cannon({ url: ready.url, connections: args.connections, amount: args.warmup, requests: [request()] });
    }
    process.stderr.write(`[${mode}] measuring: ${args.amount ? `${args.amount} requests` : `${args.duration} s`}, ${args.connections} connections\n`);
    if (args.profile) await ask(child, { type: 'profile-start' }, 'profiling');
    const before = await usage(child);
    const result = await cannon({ url: ready.url, connections: args.connections, ...(args.amount ? { amount: args.amount } : { duration: args.duration }), requests: [request()] });
    const used = await usage(child);
    if (args.profile) {
      const file = join(profileDir, `declarations-${mode}-${Date.now()}.cpuprofile`);
      await ask(child, { type: 'profile-stop', file }, 'profiled');
      process.stderr.write(`[${mode}] server CPU profile of the measured phase: ${file}\n`);
    }
    const after = await fetchCounts(ready);
    const cpuMs = (used.cpu.user - before.cpu.user + used.cpu.system - before.cpu.system) / 1000;
    const elu = performance.eventLoopUtilization(used.elu, before.elu);
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
    return {
      mode,
      lodgementsPerSecond: round(result['2xx'] / result.duration, 1),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      requests: result.requests.total,
      ok2xx: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes,
      ...after,
      serverCpuMsPerLodgement: round(cpuMs / Math.max(1, result['2xx']), 3),
      serverEventLoopBusy: round(elu.utilization, 3),
    };
  } finally {
    await stop(child);
  }
}

function cannon(options: CannonOptions): Promise<CannonResult> {
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolvePromise(result)));
    let done = 0;
    const tty = process.stderr.isTTY;
    instance.on('response', () => {
      done++;
      if (tty && done % 250 === 0) process.stderr.write(`\r  ${done} responses`);
    });
    instance.on('done', () => { if (tty) process.stderr.write('\n'); });
  });
}

/** Ledger size and stored declarations after the run: every 2xx must have both. */
async function fetchCounts(ready: Ready): Promise<{ ledgerSize: number; declarations: number }> {
  const headers = { authorization: `Bearer ${ready.token}` };
  const sth = (await (await fetch(`${ready.url}/api/ledger/sth`, { headers })).json()) as { treeSize: number };
  const page = (await (await fetch(`${ready.url}/api/declarations?limit=1`, { headers })).json()) as { total: number };
  return { ledgerSize: sth.treeSize, declarations: page.total };
}

/** Sends `message` to the server and resolves with its first reply of type `reply`. */
function ask<T extends { type: string }>(child: ChildProcess, message: { type: string; file?: string }, reply: string): Promise<T> {
  return new Promise((resolvePromise) => {
    const listener = (answer: T) => {
      if (answer?.type !== reply) return;
      child.off('message', listener);
      resolvePromise(answer);
    };
    child.on('message', listener);
    child.send(message);
  });
}

function usage(child: ChildProcess): Promise<Usage> {
  return ask<Usage>(child, { type: 'usage' }, 'usage');
}

function waitForReady(child: ChildProcess): Promise<Ready> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 120 s')), 120_000);
    child.once('message', (message: Ready) => {
      clearTimeout(timer);
      if (message?.type === 'ready') resolvePromise(message);
      else reject(new Error(`unexpected message from the server: ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with code ${code} before it was ready`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.send({ type: 'stop' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
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

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function table(results: ModeResult[]): string {
  const header = ['mode', 'lodgements/s', 'p50 ms', 'p99 ms', 'max ms', '2xx', 'non-2xx', 'errors', 'ledger', 'server CPU ms/lodgement', 'server busy', 'target'];
  const rows = results.map((r) => [r.mode, r.lodgementsPerSecond.toFixed(1), String(r.p50Ms), String(r.p99Ms), String(r.maxMs), String(r.ok2xx), String(r.non2xx), String(r.errors + r.timeouts), String(r.ledgerSize), r.serverCpuMsPerLodgement.toFixed(2), `${Math.round(r.serverEventLoopBusy * 100)}%`, r.meetsTarget === undefined ? '-' : r.meetsTarget ? 'met' : 'MISSED']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  process.stderr.write(`generating ${args.count} declarations (seed ${args.seed})...\n`);
  const bodies = generateDeclarations({ seed: args.seed, count: args.count }).map((d) => Buffer.from(JSON.stringify(d)));
  const meanBytes = Math.round(bodies.reduce((sum, b) => sum + b.length, 0) / bodies.length);
  process.stderr.write(`  ${bodies.length} bodies, mean ${meanBytes} bytes, in ${Date.now() - started} ms\n`);

  const common = { NODE_ENV: 'production', LOG_LEVEL: 'silent', JWT_SECRET: randomBytes(32).toString('hex'), HOST: '127.0.0.1' };
  const results: ModeResult[] = [];

  if (args.only !== 'postgres') {
    const dataDir = mkdtempSync(join(tmpdir(), 'corridor-bench-'));
    try {
      const sqlite = await runMode('sqlite', { ...common, DATA_DIR: dataDir }, bodies, args);
      sqlite.meetsTarget = sqlite.lodgementsPerSecond >= TARGET.lodgementsPerSecond && sqlite.p99Ms < TARGET.p99Ms && sqlite.non2xx === 0;
      results.push(sqlite);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const databaseUrl = process.env.BENCH_DATABASE_URL?.trim();
  if (args.only === 'sqlite') {
    // PostgreSQL not asked for
  } else if (databaseUrl) {
    const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const pgDir = mkdtempSync(join(tmpdir(), 'corridor-bench-pg-'));
    await withPg(databaseUrl, (client) => client.query(`CREATE SCHEMA "${schema}"`));
    try {
      results.push(await runMode('postgres', { ...common, DATA_DIR: pgDir, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema }, bodies, args));
    } finally {
      await withPg(databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      rmSync(pgDir, { recursive: true, force: true });
    }
  } else {
    process.stderr.write('BENCH_DATABASE_URL is not set: PostgreSQL run skipped\n');
  }

  console.log(`\nPOST /api/declarations, ${args.connections} connections, ${args.amount ? `${args.amount} requests` : `${args.duration} s`}, ${bodies.length} distinct bodies (mean ${meanBytes} B); target on SQLite: >= ${TARGET.lodgementsPerSecond}/s, p99 < ${TARGET.p99Ms} ms\n`);
  console.log(table(results));
  console.log(JSON.stringify({ bench: 'declarations.lodge', connections: args.connections, duration: args.amount ? undefined : args.duration, amount: args.amount, bodies: bodies.length, meanBodyBytes: meanBytes, target: TARGET, results }));
  const failedRequests = results.some((r) => r.non2xx > 0 || r.errors > 0);
  process.exitCode = failedRequests ? 1 : 0;
}

if (process.argv.includes('--serve')) {
  serve().catch((error) => {
    process.stderr.write(`server: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    process.stderr.write(`declarations.bench: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
