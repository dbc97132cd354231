// npm run sim -- run FILE [--replications N] [--seed S] [--out FILE.json] [--publish INITIATIVE_ID] [--workers N]
//   runs a scenario; prints the result JSON (or writes it to --out and prints a summary);
//   --publish records the KPIs as simulation measurements of the initiative (KPI context)
// npm run sim -- validate FILE
//   checks a scenario file and prints what it means
// npm run sim -- worker [--concurrency N]
//   takes 'sim.replication' jobs from Bull (REDIS_URL) until stopped: one per machine of a big study
// npm run sim -- calibrate | forecast | what-if | state | telemetry ...: the digital twin (see sim-twin.ts)
// Exit codes: 0 done, 1 the run failed, 2 bad arguments or an invalid scenario.
import { CalibrationError, KPI_UNITS, LiveStateError, loadScenario, TelemetryError, publishRun, resultJson, runScenario, ScenarioError, startReplicationWorker, type Scenario, type SimulationResult } from '@corridor/sim';
import { SingleBar } from 'cli-progress';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { args, integer, UsageError } from './cli-args';
import { TWIN_COMMANDS, TWIN_USAGE } from './sim-twin';

const USAGE = `usage:
  npm run sim -- run FILE [--replications N] [--seed S] [--out FILE.json] [--publish INITIATIVE_ID] [--workers N]
  npm run sim -- validate FILE
  npm run sim -- worker [--concurrency N]        (needs REDIS_URL)
${TWIN_USAGE}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(message: string, code = 2): never {
  process.stderr.write(`sim: ${message}\n`);
  process.exit(code);
}

function load(file: string | undefined): Scenario {
  if (!file) throw new UsageError(`a scenario file is required\n${USAGE}`);
  return loadScenario(file);
}

async function run(argv: string[]): Promise<void> {
  const { values: v, positionals } = args({ replications: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, publish: { type: 'string' }, workers: { type: 'string' } }, argv);
  if (positionals.length > 1) throw new UsageError(`one scenario file at a time, got ${positionals.join(' ')}`);
  const replications = integer(v.replications, 'replications', 1, 100_000);
  const seed = integer(v.seed, 'seed', 0, Number.MAX_SAFE_INTEGER);
  const workers = integer(v.workers, 'workers', 0, 256);
  const publish = v.publish;
  if (publish !== undefined && (typeof publish !== 'string' || !UUID.test(publish))) throw new UsageError(`--publish needs an initiative id (a UUID), got "${String(publish)}"`);
  if (v.out !== undefined && (typeof v.out !== 'string' || v.out.trim() === '')) throw new UsageError('--out needs a file name');
  const scenario = load(positionals[0]);

  const count = replications ?? scenario.replications;
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: `${scenario.name} [{bar}] {percentage}% | {done}/{count} replications | {eta_formatted} left`, stream: process.stderr, hideCursor: true, etaBuffer: 50 })
    : undefined;
  let done = 0;
  bar?.start(1000, 0, { done, count });
  const result = await runScenario(scenario, {
    replications,
    seed,
    workers,
    onProgress: (fraction) => bar?.update(Math.round(fraction * 1000), { done, count }),
    onReplication: () => {
      done++;
      bar?.update({ done, count });
    },
  }).finally(() => bar?.stop());

  const json = resultJson(result);
  if (typeof v.out === 'string') {
    writeFileSync(v.out, json);
    process.stdout.write(summary(result));
    process.stdout.write(`result written to ${v.out}\n`);
  } else {
    process.stdout.write(json);
  }
  if (typeof publish === 'string') {
    const outcome = await publishRun(result, scenario, publish);
    const measured = outcome.measured.length > 0 ? outcome.measured.join(', ') : 'none (no run KPI matches a KPI key of the initiative; see publish.kpi_map)';
    process.stderr.write(`published run ${outcome.runId} to initiative ${publish}: measured ${measured}\n`);
  }
}

/** A table of the KPIs for people (the JSON has everything). */
function summary(result: SimulationResult): string {
  const lines = [`${result.scenario}: ${result.replications} replications, seed ${result.seed}, ${result.trucks} trucks, ${result.events} events, ${(result.wall_ms / 1000).toFixed(1)} s`];
  const width = Math.max(...Object.keys(result.kpis).map((k) => k.length));
  const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(4));
  for (const [name, k] of Object.entries(result.kpis)) {
    const ci = k.ci95 ? `  95% CI [${fmt(k.ci95[0])}, ${fmt(k.ci95[1])}]` : '';
    lines.push(`  ${name.padEnd(width)}  ${fmt(k.mean).padStart(10)} ${KPI_UNITS[name] ?? k.unit}${ci}`);
  }
  return `${lines.join('\n')}\n`;
}

async function validate(argv: string[]): Promise<void> {
  const { positionals } = args({}, argv);
  const scenario = load(positionals[0]);
  const lanes = scenario.lanes.map((l) => `${l.count} ${l.type} (${l.name})`).join(', ');
  process.stdout.write(`${positionals[0]}: valid scenario "${scenario.name}": ${scenario.arrivals.length} arrival stream(s), lanes ${lanes}, ${scenario.replications} replications of ${scenario.horizonHours} h (warm-up ${scenario.warmupHours} h), services: ${scenario.services}\n`);
}

async function worker(argv: string[]): Promise<void> {
  const { values: v } = args({ concurrency: { type: 'string' } }, argv);
  const concurrency = integer(v.concurrency, 'concurrency', 1, 256) ?? availableParallelism();
  if (!process.env.REDIS_URL) throw new UsageError('worker needs REDIS_URL (the Bull queue the study is on)');
  const jobs = await startReplicationWorker({
    concurrency,
    onJob: (job) => process.stderr.write(`replication ${job.replication} of study ${job.study} (${job.scenario.name})\n`),
  }).catch((error: Error) => fail(`cannot reach REDIS_URL: ${error.message}`, 1));
  process.stderr.write(`sim worker: taking sim.replication jobs, ${concurrency} at a time (Ctrl-C stops)\n`);
  const stop = () => void jobs.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'run':
      return run(rest);
    case 'validate':
      return validate(rest);
    case 'worker':
      return worker(rest);
    case 'calibrate':
    case 'forecast':
    case 'what-if':
    case 'state':
    case 'telemetry':
      return TWIN_COMMANDS[command](rest);
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      if (command === undefined) process.exitCode = 2;
      return;
    default:
      throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) fail(error.message, 2);
  if (error instanceof ScenarioError || error instanceof TelemetryError || error instanceof LiveStateError || error instanceof CalibrationError) {
    process.stderr.write(`sim: ${error.message}\n`);
    process.exit(2);
  }
  let message = error instanceof Error ? error.message : String(error);
  // Domain errors from the KPI context (publishing) list the bad fields of the run record.
  const fields = (error as { errors?: unknown }).errors;
  if (Array.isArray(fields) && fields.length > 0) message = fields.map((f: { field?: string; message?: string }) => (f.field && !f.message?.startsWith(f.field) ? `${f.field}: ${f.message ?? ''}` : (f.message ?? ''))).join('\n  ');
  fail(`${message}${process.env.DEBUG && error instanceof Error ? `\n${error.stack}` : ''}`, 1);
});

