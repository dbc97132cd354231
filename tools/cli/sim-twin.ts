// The digital twin's commands of `npm run sim`:
//   calibrate --events FILE.jsonl --out SCENARIO.yaml        fit a scenario to passage telemetry
//   forecast --scenario FILE --state STATE.json --hours H --out FORECAST.json [--replications N] [--seed S]
//   what-if --scenario FILE --state STATE.json --hours H --target-wait-s S [--out FILE.json]
//   state --events FILE.jsonl --at ISO --out STATE.json       the live state at a time, from telemetry
//   telemetry SCENARIO --hours H --out FILE.jsonl [--seed S] [--until-now]
//                                                            a crossing's telemetry from the model (demo data;
//                                                            --until-now: the last H hours up to now)
// Bad input exits 2 with the line or field at fault; a summary goes to stdout, the data to --out.
import {
  calibrate,
  forecast,
  liveStateFromTelemetry,
  loadScenario,
  MAX_FORECAST_HOURS,
  parseLiveState,
  parseTelemetry,
  simulateTelemetry,
  telemetryJsonl,
  whatIf,
  type Forecast,
  type LiveState,
} from '@corridor/sim';
import { readFileSync, writeFileSync } from 'node:fs';
import { args, decimal, fileOption, integer, UsageError } from './cli-args';

export const TWIN_USAGE = `  npm run sim -- calibrate --events FILE.jsonl --out SCENARIO.yaml [--name NAME]
  npm run sim -- forecast --scenario FILE --state STATE.json --hours H --out FORECAST.json [--replications N] [--seed S]
  npm run sim -- what-if --scenario FILE --state STATE.json --hours H --target-wait-s S [--out FILE.json] [--replications N]
  npm run sim -- state --events FILE.jsonl --at ISO_TIME --out STATE.json
  npm run sim -- telemetry SCENARIO --hours H --out FILE.jsonl [--seed S] [--until-now]`;

function read(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function readState(file: string): LiveState {
  let json: unknown;
  try {
    json = JSON.parse(read(file, 'state'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseLiveState(json);
}

async function calibrateCommand(argv: string[]): Promise<void> {
  const { values: v } = args({ events: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' } }, argv);
  const events = parseTelemetry(read(fileOption(v.events, 'events', 'FILE.jsonl (passage telemetry)'), 'telemetry'));
  const out = fileOption(v.out, 'out', 'SCENARIO.yaml');
  const name = typeof v.name === 'string' ? v.name : 'calibrated';
  const { yaml, report } = calibrate(events, { name });
  writeFileSync(out, yaml);
  const lines = [`calibrated "${name}" from ${report.events} events of ${report.trucks} trucks over ${report.window.hours} h`];
  for (const a of report.arrivals) lines.push(`  arrivals ${a.stream}: ${a.n} (about ${a.perDay} a day)`);
  for (const l of report.lanes) lines.push(`  ${l.type} lanes: ${l.lanes}, PIL time ${l.fit.family} (n ${l.fit.n}, mean ${l.fit.mean} s, KS ${l.fit.ks})${l.trustedFit ? `; trusted ${l.trustedFit.family} (mean ${l.trustedFit.mean} s)` : ''}`);
  lines.push(`  referral: standard ${(100 * report.referral.standard.rate).toFixed(2)}%, trusted ${(100 * report.referral.trusted.rate).toFixed(2)}%`);
  if (report.secondary) lines.push(`  secondary: ${report.secondary.bays} bays, inspection ${report.secondary.fit.family} (mean ${report.secondary.fit.mean} s)`);
  for (const n of report.notes) lines.push(`  note: ${n}`);
  process.stdout.write(`${lines.join('\n')}\nscenario written to ${out}\n`);
}

function forecastArgs(v: Record<string, string | boolean | undefined>) {
  // Options first, so a typo is reported before any file is read.
  const hours = decimal(v.hours, 'hours', 0, MAX_FORECAST_HOURS);
  if (hours === undefined) throw new UsageError('--hours H is required (how far ahead)');
  const replications = integer(v.replications, 'replications', 2, 10_000);
  const seed = integer(v.seed, 'seed', 0, Number.MAX_SAFE_INTEGER);
  const scenario = loadScenario(fileOption(v.scenario, 'scenario', 'FILE (a scenario, e.g. from calibrate)'));
  const state = readState(fileOption(v.state, 'state', 'STATE.json (the live state)'));
  return { scenario, state, hours, replications, seed };
}

const fmt = (x: number | undefined) => (x === undefined ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(1));

function forecastTable(f: Forecast): string {
  const lines = [`forecast from ${f.state_at}, ${f.hours} h, ${f.replications} replications (${f.wall_ms} ms); lanes open: ${Object.entries(f.lanes_open).map(([t, n]) => `${n} ${t}`).join(', ')}`];
  lines.push('  time   queue (80%)          wait s (80%)           throughput/h');
  for (const p of f.points) {
    const q = p.queue_length;
    const w = p.wait_s;
    lines.push(`  ${p.at.slice(11, 16)}  ${fmt(q.mean).padStart(5)} [${fmt(q.pi80[0])}, ${fmt(q.pi80[1])}]`.padEnd(31) + `${w ? `${fmt(w.mean).padStart(6)} [${fmt(w.pi80[0])}, ${fmt(w.pi80[1])}]` : '     -'}`.padEnd(23) + fmt(p.throughput_per_hour.mean).padStart(6));
  }
  return `${lines.join('\n')}\n`;
}

async function forecastCommand(argv: string[]): Promise<void> {
  const { values: v } = args({ scenario: { type: 'string' }, state: { type: 'string' }, hours: { type: 'string' }, out: { type: 'string' }, replications: { type: 'string' }, seed: { type: 'string' } }, argv);
  const out = fileOption(v.out, 'out', 'FORECAST.json');
  const a = forecastArgs(v);
  const result = forecast(a.scenario, a.state, { hours: a.hours, replications: a.replications, seed: a.seed });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${forecastTable(result)}forecast written to ${out}\n`);
}

async function whatIfCommand(argv: string[]): Promise<void> {
  const { values: v } = args({ scenario: { type: 'string' }, state: { type: 'string' }, hours: { type: 'string' }, 'target-wait-s': { type: 'string' }, out: { type: 'string' }, replications: { type: 'string' }, seed: { type: 'string' } }, argv);
  const a = forecastArgs(v);
  const target = decimal(v['target-wait-s'], 'target-wait-s', 0, 86_400);
  if (target === undefined) throw new UsageError('--target-wait-s S is required (the PIL wait to stay within, seconds)');
  const result = whatIf(a.scenario, a.state, { hours: a.hours, replications: a.replications, seed: a.seed, targetWaitSeconds: target });
  const lines = [`what-if from ${result.state_at}, next ${result.hours} h, wait target ${target} s:`];
  for (const o of result.options) {
    const w = o.summary.wait_s;
    lines.push(`  ${o.action === result.recommended ? '*' : ' '} ${o.action.padEnd(28)} mean wait ${w ? `${fmt(w.mean)} s (80% ${fmt(w.pi80[0])}-${fmt(w.pi80[1])})` : '-'}${o.meets_target ? '' : '  misses the target'}`);
  }
  lines.push(`recommended: ${result.recommended}: ${result.reason}`);
  if (typeof v.out === 'string') writeFileSync(v.out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function stateCommand(argv: string[]): Promise<void> {
  const { values: v } = args({ events: { type: 'string' }, at: { type: 'string' }, out: { type: 'string' } }, argv);
  const events = parseTelemetry(read(fileOption(v.events, 'events', 'FILE.jsonl'), 'telemetry'));
  const at = typeof v.at === 'string' ? v.at : undefined;
  if (!at || !Number.isFinite(Date.parse(at))) throw new UsageError(`--at needs an ISO 8601 time, got "${String(v.at ?? '')}"`);
  const out = fileOption(v.out, 'out', 'STATE.json');
  const state = liveStateFromTelemetry(events, at);
  writeFileSync(out, `${JSON.stringify(state, null, 2)}\n`);
  const queued = state.lanes.reduce((s, l) => s + (typeof l.queue === 'number' ? l.queue : l.queue.length), 0) + (state.approach?.length ?? 0);
  process.stdout.write(`state at ${state.at}: ${state.lanes.filter((l) => l.open).length}/${state.lanes.length} lanes open, ${state.lanes.filter((l) => l.inService).length} trucks at booths, ${queued} queued\nstate written to ${out}\n`);
}

async function telemetryCommand(argv: string[]): Promise<void> {
  const { values: v, positionals } = args({ hours: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, 'until-now': { type: 'boolean' } }, argv);
  if (positionals.length !== 1) throw new UsageError('one scenario file is required: npm run sim -- telemetry SCENARIO --hours H --out FILE.jsonl [--until-now]');
  const hours = decimal(v.hours, 'hours', 0, 24 * 366);
  const seed = integer(v.seed, 'seed', 0, Number.MAX_SAFE_INTEGER);
  const out = fileOption(v.out, 'out', 'FILE.jsonl');
  const scenario = loadScenario(positionals[0]);
  const span = hours ?? scenario.horizonHours;
  // --until-now: the last `span` hours up to now, on the scenario's clock (its hourly profiles by UTC hour).
  const events = simulateTelemetry(scenario, { hours: span, seed, ...(v['until-now'] ? { until: new Date() } : {}) });
  writeFileSync(out, telemetryJsonl(events));
  process.stdout.write(`${events.length} events of ${scenario.name} over ${span} h${v['until-now'] ? ' up to now' : ''} written to ${out}\n`);
}

export const TWIN_COMMANDS: Record<'calibrate' | 'forecast' | 'what-if' | 'state' | 'telemetry', (argv: string[]) => Promise<void>> = {
  calibrate: calibrateCommand,
  forecast: forecastCommand,
  'what-if': whatIfCommand,
  state: stateCommand,
  telemetry: telemetryCommand,
};
