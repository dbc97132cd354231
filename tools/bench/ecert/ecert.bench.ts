/**
 * E-certificate throughput: issues/s and verifications/s. Run from the workspace root:
 *   node -r @swc-node/register tools/bench/ecert/ecert.bench.ts [--count N] [--concurrency C] [--batch B] [--seconds S] [--no-http] [--profile]
 *
 * 1. In process, through the services (CommandBus / QueryBus), in a child process that boots what
 *    apps/ecert-api wires on embedded SQLite in a temporary DATA_DIR:
 *    - issue N distinct e-CoOs (C in flight): each is validated, salted, signed (Ed25519), appended
 *      to the ledger (group commit), given its inclusion proof, stored with its status history;
 *    - verify half of them on one thread (batches under the pool threshold), the other half in
 *      batches of B on the worker_threads pool (this thread takes a share, one worker per other
 *      core). Every document is verified once, so the signature caches never help; the tree-head
 *      cache does (certificates of one ledger batch share a signed tree head), which is its purpose.
 * 2. Over HTTP (unless --no-http), against a fresh server process on the same data (cold caches),
 *    driven by autocannon from this process: POST /api/certificates/verify with {documents: B
 *    distinct documents} (each document sent once), then POST /api/certificates with distinct bodies.
 * --profile writes each server process's V8 CPU profile under tmp/bench-profiles.
 * Prints a table and one JSON line. Targets: >= 1,000 issued/s and >= 5,000 verified/s.
 */
import 'reflect-metadata';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DynamicModule, Module } from '@nestjs/common';
import { DECLARATION_MIGRATIONS, DeclarationsModule } from '@corridor/declarations';
import { ECERT_MIGRATIONS, EcertModule, IssueCertificate, RegisterAgency, VerifyCertificates, type CertificateVerdict, type CertificateView } from '@corridor/ecert';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { createHttpApp, CorridorConfig, loadConfig, PlatformModule, TokenService, type Principal } from '@corridor/platform';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const TARGET = { issuedPerSecond: 1000, verifiedPerSecond: 5000 };
const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../../examples/e-coo.json'), 'utf8')) as { type: string; data: Record<string, unknown> };
const ADMIN: Principal = { id: 'bench-admin', roles: ['admin'] };

// autocannon ships no types (and @types/autocannon is not installed): the little used here.
interface CannonRequest { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string; setupRequest?: (request: CannonRequest) => CannonRequest }
interface CannonOptions { url: string; connections: number; duration?: number; amount?: number; requests: CannonRequest[] }
interface CannonResult { duration: number; '2xx': number; non2xx: number; errors: number; latency: { p50: number; p99: number } }
const autocannon = createRequire(__filename)('autocannon') as (options: CannonOptions, done: (error: Error | null, result: CannonResult) => void) => unknown;

@Module({})
class BenchHost {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: BenchHost,
      imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...ECERT_MIGRATIONS] }), LedgerModule, DeclarationsModule, EcertModule],
    };
  }
}

interface Args { count: number; concurrency: number; batch: number; seconds: number; http: boolean; profile: boolean }

function parseArgs(argv: string[]): Args {
  const args: Args = { count: 10_000, concurrency: 64, batch: 200, seconds: 5, http: true, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === '--no-http' || name === '--profile') {
      if (name === '--no-http') args.http = false;
      else args.profile = true;
      continue;
    }
    const value = Number(argv[++i]);
    if (!Number.isInteger(value) || value < 1) fail(`${name} needs a whole number from 1`);
    if (name === '--count') args.count = value;
    else if (name === '--concurrency') args.concurrency = value;
    else if (name === '--batch') args.batch = Math.min(value, 1000);
    else if (name === '--seconds') args.seconds = value;
    else fail(`unknown option ${name}`);
  }
  return args;
}

function fail(message: string): never {
  process.stderr.write(`ecert.bench: ${message}\n`);
  process.exit(2);
}

/** A distinct e-CoO body per index: the invoice number and quantities vary. */
function certificateBody(agencyId: string, i: number): Record<string, unknown> {
  const data = structuredClone(EXAMPLE.data) as { invoice: { number: string }; goods: { quantity: { value: number } }[] };
  data.invoice.number = `INV-BENCH-${i}`;
  data.goods[0].quantity.value = 100 + (i % 1000);
  return { type: EXAMPLE.type, agencyId, data };
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

/** Times `work` (which performs `n` operations) in wall clock and in CPU time of this process. */
async function measure(n: number, work: () => Promise<unknown>): Promise<Rate> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { perSecond: rate(n, wall), perCpuSecond: rate(n, (used.user + used.system) / 1000) };
}

// ---------------------------------------------------------------------------------------------
// Child process: the server

/** Wall-clock rate, and operations per CPU-second of the whole server process (all threads): what one idle core would give. */
interface Rate {
  perSecond: number;
  perCpuSecond: number;
}

interface InProcessResult {
  issued: Rate;
  verifiedOneThread: Rate;
  verifiedPool: Rate;
  invalid: number;
  documentsFile: string;
  agencyId: string;
}

async function serve(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createHttpApp(BenchHost.forRoot(config));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const token = app.get(TokenService).issue({ id: 'bench-agency', roles: ['agency'] });
  process.on('message', (message: { type: string; args?: Args; dataDir?: string }) => {
    if (message.type === 'stop') void app.close().then(() => process.exit(0));
    if (message.type === 'cpu') process.send?.({ type: 'cpu', usage: process.cpuUsage() });
    if (message.type === 'in-process' && message.args && message.dataDir) {
      inProcess(app.get(CommandBus), app.get(QueryBus), message.args, message.dataDir)
        .then((result) => process.send?.({ type: 'in-process', result }))
        .catch((error) => process.send?.({ type: 'error', message: (error as Error).stack ?? String(error) }));
    }
  });
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}`, token });
}

async function inProcess(commands: CommandBus, queries: QueryBus, args: Args, dataDir: string): Promise<InProcessResult> {
  const agency = await commands.execute(new RegisterAgency({ name: 'Bench Agency', country: 'CA' }, ADMIN));
  const issue = (i: number) => commands.execute(new IssueCertificate(certificateBody(agency.id, i), ADMIN));
  const issueMany = async (from: number, count: number): Promise<CertificateView[]> => {
    const issued: CertificateView[] = new Array(count);
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(args.concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        issued[i] = await issue(from + i);
      }
    }));
    return issued;
  };
  log('warm-up: 500 issues, 500 verifications');
  const warm = await issueMany(1_000_000, 500);
  await queries.execute(new VerifyCertificates(warm.map((c) => c.document)));

  log(`issuing ${args.count} certificates, ${args.concurrency} in flight`);
  let issued: CertificateView[] = [];
  const issuedRate = await measure(args.count, async () => {
    issued = await issueMany(0, args.count);
  });
  const documents = issued.map((c) => c.document);

  // Each half is verified once, so no document is ever verified twice by one thread (no cache hits).
  const half = Math.floor(documents.length / 2);
  let invalid = 0;
  const verifyAll = (subset: unknown[], chunk: number, parallel: number): Promise<Rate> => measure(subset.length, async () => {
    let next = 0;
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next < subset.length) {
        const slice = subset.slice(next, next + chunk);
        next += chunk;
        const verdicts: CertificateVerdict[] = await queries.execute(new VerifyCertificates(slice));
        invalid += verdicts.filter((v) => !v.valid).length;
      }
    }));
  });
  log(`verifying ${half} on this thread (batches of 32)`);
  const single = await verifyAll(documents.slice(0, half), 32, 1);
  log(`verifying the other ${documents.length - half} on the worker pool (batches of ${args.batch}, 2 in flight)`);
  const pool = await verifyAll(documents.slice(half), args.batch, 2);

  const documentsFile = join(dataDir, 'bench-documents.json');
  writeFileSync(documentsFile, JSON.stringify(documents));
  return {
    issued: issuedRate,
    verifiedOneThread: single,
    verifiedPool: pool,
    invalid,
    documentsFile,
    agencyId: agency.id,
  };
}

function log(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Parent: orchestration and HTTP load

interface Ready { type: 'ready'; url: string; token: string }

function start(env: Record<string, string>, profile: boolean): { child: ChildProcess; ready: Promise<Ready> } {
  const profiling = profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve('tmp/bench-profiles')}`] : [];
  const child = fork(__filename, ['--serve'], { env: { ...process.env, ...env }, execArgv: ['-r', '@swc-node/register', ...profiling], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = next<Ready>(child, 'ready', 180_000);
  return { child, ready };
}

function next<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} from the server within ${timeoutMs / 1000} s`)), timeoutMs);
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === 'error') reject(new Error(message.message));
      if (message.type !== type && message.type !== 'error') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolvePromise(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the server exited with code ${code}`)));
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

function cannon(options: CannonOptions): Promise<CannonResult> {
  return new Promise((resolvePromise, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolvePromise(result)));
  });
}

interface HttpResult {
  verifiedPerSecond: number;
  verifiedPerServerCpuSecond: number;
  verifyP99Ms: number;
  verifyNon2xx: number;
  issuedPerSecond: number;
  issuedPerServerCpuSecond: number;
  issueP99Ms: number;
  issueNon2xx: number;
}

/** CPU microseconds the server process (all threads) has used so far. */
async function serverCpu(child: ChildProcess): Promise<number> {
  const reply = next<{ usage: NodeJS.CpuUsage }>(child, 'cpu', 10_000);
  child.send({ type: 'cpu' });
  const { usage } = await reply;
  return usage.user + usage.system;
}

async function overHttp(child: ChildProcess, ready: Ready, documents: unknown[], agencyId: string, args: Args): Promise<HttpResult> {
  const headers = { 'content-type': 'application/json' };
  const batches: Buffer[] = [];
  for (let i = 0; i + args.batch <= documents.length; i += args.batch) batches.push(Buffer.from(JSON.stringify({ documents: documents.slice(i, i + args.batch) })));
  // A tenth of the batches warm the server up (JIT, worker threads); the rest are measured, each document sent once.
  const warm = batches.splice(0, Math.max(4, Math.floor(batches.length / 10)));
  const issueBodies = Array.from({ length: 30_000 }, (_, i) => Buffer.from(JSON.stringify(certificateBody(agencyId, 2_000_000 + i))));
  let n = 0;
  let m = 0;
  const verifyRequest = (bodies: Buffer[]): CannonRequest => ({ method: 'POST', path: '/api/certificates/verify', headers, setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }) });
  const issueRequest: CannonRequest = { method: 'POST', path: '/api/certificates', headers: { ...headers, authorization: `Bearer ${ready.token}` }, setupRequest: (req) => ({ ...req, body: issueBodies[m++ % issueBodies.length] }) };
  log(`warm-up: ${warm.length} verification batches, 1 s of issuing`);
  await cannon({ url: ready.url, connections: Math.min(4, warm.length), amount: warm.length, requests: [verifyRequest(warm)] });
  await cannon({ url: ready.url, connections: 32, duration: 1, requests: [issueRequest] });
  n = 0;
  log(`POST /api/certificates/verify: ${batches.length} batches of ${args.batch} distinct documents, 4 connections`);
  const cpu0 = await serverCpu(child);
  const verify = await cannon({ url: ready.url, connections: Math.min(4, batches.length), amount: batches.length, requests: [verifyRequest(batches)] });
  const cpu1 = await serverCpu(child);
  log(`POST /api/certificates: ${args.seconds} s, distinct bodies, 32 connections`);
  const issue = await cannon({ url: ready.url, connections: 32, duration: args.seconds, requests: [issueRequest] });
  const cpu2 = await serverCpu(child);
  return {
    verifiedPerSecond: Math.round((verify['2xx'] * args.batch) / verify.duration),
    verifiedPerServerCpuSecond: Math.round((verify['2xx'] * args.batch) / ((cpu1 - cpu0) / 1e6)),
    issuedPerServerCpuSecond: Math.round(issue['2xx'] / ((cpu2 - cpu1) / 1e6)),
    verifyP99Ms: verify.latency.p99,
    verifyNon2xx: verify.non2xx + verify.errors,
    issuedPerSecond: Math.round(issue['2xx'] / issue.duration),
    issueP99Ms: issue.latency.p99,
    issueNon2xx: issue.non2xx + issue.errors,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = mkdtempSync(join(tmpdir(), 'corridor-ecert-bench-'));
  const env = { NODE_ENV: 'production', LOG_LEVEL: 'silent', JWT_SECRET: randomBytes(32).toString('hex'), HOST: '127.0.0.1', DATA_DIR: dataDir };
  const loadAtStart = loadavg().map((l) => l.toFixed(1)).join(' ');
  process.stderr.write(`ecert bench: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), SQLite in ${dataDir}\n`);
  try {
    process.stderr.write('[in process]\n');
    const first = start(env, args.profile);
    let local: InProcessResult;
    try {
      await first.ready;
      first.child.send({ type: 'in-process', args, dataDir });
      local = (await next<{ result: InProcessResult }>(first.child, 'in-process', 900_000)).result;
    } finally {
      await stop(first.child);
    }
    let http: HttpResult | undefined;
    if (args.http) {
      process.stderr.write('[over HTTP, fresh server process on the same data]\n');
      const second = start(env, args.profile);
      try {
        http = await overHttp(second.child, await second.ready, JSON.parse(readFileSync(local.documentsFile, 'utf8')), local.agencyId, args);
      } finally {
        await stop(second.child);
      }
    }
    const fmt = (r: Rate) => `${r.perSecond} (${r.perCpuSecond} per CPU-s)`;
    const rows: [string, string, string][] = [
      ['issued/s, in process (CommandBus)', fmt(local.issued), local.issued.perSecond >= TARGET.issuedPerSecond ? 'met' : 'MISSED'],
      ['verified/s, in process, one thread', fmt(local.verifiedOneThread), '-'],
      [`verified/s, in process, worker pool (batches of ${args.batch})`, fmt(local.verifiedPool), local.verifiedPool.perSecond >= TARGET.verifiedPerSecond ? 'met' : 'MISSED'],
      ...(http
        ? ([
            [`verified/s over HTTP (batches of ${args.batch})`, `${http.verifiedPerSecond} (${http.verifiedPerServerCpuSecond} per CPU-s)`, http.verifiedPerSecond >= TARGET.verifiedPerSecond ? 'met' : 'MISSED'],
            ['issued/s over HTTP (32 connections)', `${http.issuedPerSecond} (${http.issuedPerServerCpuSecond} per CPU-s)`, http.issuedPerSecond >= TARGET.issuedPerSecond ? 'met' : 'MISSED'],
          ] as [string, string, string][])
        : []),
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    const load = loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`\ne-certificates, ${args.count} distinct e-CoOs (in process: half verified on one thread, half on the pool), SQLite, ${availableParallelism()} cores, load average at the end ${load} (at the start ${loadAtStart});`);
    console.log(`targets >= ${TARGET.issuedPerSecond} issued/s, >= ${TARGET.verifiedPerSecond} verified/s. "per CPU-s": operations per CPU-second of the server process, all threads.\n`);
    for (const [name, value, verdict] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(30)}  ${verdict}`);
    if (local.invalid > 0 || (http && (http.verifyNon2xx > 0 || http.issueNon2xx > 0))) console.log(`\nWARNING: ${local.invalid} invalid verdicts, ${http?.verifyNon2xx ?? 0} + ${http?.issueNon2xx ?? 0} failed requests`);
    const { documentsFile: _file, agencyId: _agency, ...inProcessFigures } = local;
    console.log(JSON.stringify({ bench: 'ecert', cores: availableParallelism(), loadAverage: { start: loadAtStart, end: load }, count: args.count, concurrency: args.concurrency, batch: args.batch, target: TARGET, inProcess: inProcessFigures, http }));
    process.exitCode = local.invalid > 0 ? 1 : 0;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) {
  serve().catch((error) => {
    process.stderr.write(`server: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    process.stderr.write(`ecert.bench: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
