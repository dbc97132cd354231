// Synthetic declarations as JSON Lines, one POST /api/declarations body per line:
//   node -r @swc-node/register tools/generators/declarations.ts --count N --seed S [--out FILE.jsonl] [options]
// Run with --help for the options. The same arguments always give the same file.
import { DECLARATION_TYPES, iterateDeclarations, MAX_ITEMS, type DeclarationType, type GenerateDeclarationsOptions } from '@corridor/declarations';
import { SingleBar } from 'cli-progress';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const USAGE = `usage: node -r @swc-node/register tools/generators/declarations.ts --count N --seed S [--out FILE.jsonl] [options]

  --count N               declarations to write (required, 0 to 10,000,000)
  --seed S                integer seed (required); the same seed gives the same lines
  --out FILE              write to FILE instead of standard output
  --office LOCODE         office of entry, default USDET (USLRD, USBUF, CAWND ... also work)
  --start ISO             earliest expected arrival, default 2026-11-25T00:00:00Z
  --spread-hours H        arrivals spread over H hours from --start, default 24
  --type IM|EX|TR         one declaration type only (default: a mix, mostly IM)
  --items N | MIN-MAX     goods items per declaration (1-${MAX_ITEMS}); default 1-12, occasionally up to 40
  --discrepancy-rate R    share with a planted document discrepancy, 0-1, default 0.05
  --trusted-share R       share moved by trusted carriers (with transponders), 0-1, default 0.3
  --container-share R     share in intermodal containers, 0-1, default 0.2
  --labelled              write {"declaration": ..., "planted": ...} per line (ground truth) instead of bare bodies
  --help                  this text
`;

class UsageError extends Error {}

interface Parsed {
  options: GenerateDeclarationsOptions;
  out?: string;
  labelled: boolean;
}

const VALUED = new Set(['count', 'seed', 'out', 'office', 'start', 'spread-hours', 'type', 'items', 'discrepancy-rate', 'trusted-share', 'container-share']);
const FLAGS = new Set(['labelled', 'help']);

function parseArguments(argv: string[]): Parsed | 'help' {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new UsageError(`unexpected argument "${arg}"`);
    const [, name, inline] = match;
    if (FLAGS.has(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!VALUED.has(name)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (values.has(name)) throw new UsageError(`--${name} given twice`);
    values.set(name, value);
  }
  if (flags.has('help')) return 'help';

  const integer = (name: string, min: number, max: number): number | undefined => {
    const raw = values.get(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) < min || Number(raw) > max) {
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    }
    return Number(raw);
  };
  const share = (name: string): number | undefined => {
    const raw = values.get(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`--${name} must be a number from 0 to 1, got "${raw}"`);
    return value;
  };

  const count = integer('count', 0, 10_000_000);
  const seed = integer('seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (count === undefined) throw new UsageError('--count is required');
  if (seed === undefined) throw new UsageError('--seed is required');
  const options: GenerateDeclarationsOptions = { count, seed };

  const office = values.get('office');
  if (office !== undefined) {
    if (!/^[A-Za-z]{2}[A-Za-z2-9]{3}$/.test(office)) throw new UsageError(`--office must be a UN/LOCODE such as USDET, got "${office}"`);
    options.office = office.toUpperCase();
  }
  const start = values.get('start');
  if (start !== undefined) {
    const time = Date.parse(start);
    if (!/^\d{4}-\d{2}-\d{2}/.test(start) || Number.isNaN(time)) throw new UsageError(`--start must be an ISO 8601 date-time such as 2026-11-25T06:00:00Z, got "${start}"`);
    options.start = new Date(time);
  }
  const spread = values.get('spread-hours');
  if (spread !== undefined) {
    const hours = Number(spread);
    if (spread.trim() === '' || !Number.isFinite(hours) || hours <= 0 || hours > 24 * 366) throw new UsageError(`--spread-hours must be a number of hours above 0 and at most a year, got "${spread}"`);
    options.spreadHours = hours;
  }
  const type = values.get('type');
  if (type !== undefined) {
    if (!(DECLARATION_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type must be one of ${DECLARATION_TYPES.join(', ')}, got "${type}"`);
    options.type = type as DeclarationType;
  }
  const items = values.get('items');
  if (items !== undefined) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(items);
    const min = range ? Number(range[1]) : NaN;
    const max = range?.[2] !== undefined ? Number(range[2]) : min;
    if (!range || min < 1 || max < min || max > MAX_ITEMS) throw new UsageError(`--items must be N or MIN-MAX with 1 <= MIN <= MAX <= ${MAX_ITEMS}, got "${items}"`);
    options.items = { min, max };
  }
  options.discrepancyRate = share('discrepancy-rate');
  options.trustedShare = share('trusted-share');
  options.containerShare = share('container-share');
  for (const key of ['discrepancyRate', 'trustedShare', 'containerShare'] as const) if (options[key] === undefined) delete options[key];
  try {
    iterateDeclarations({ ...options, count: 0 }).next(); // the generator's own checks (e.g. an unknown country in --office)
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { options, out: values.get('out'), labelled: flags.has('labelled') };
}

async function write(parsed: Parsed): Promise<void> {
  const { options, out, labelled } = parsed;
  const sink: WriteStream | NodeJS.WriteStream = out ? createWriteStream(out, { flags: 'w' }) : process.stdout;
  let failure: Error | undefined;
  sink.on('error', (error: Error) => { failure = error; });
  if (out) await settle(sink, 'open');
  if (failure) throw failure;

  const bar = out && process.stderr.isTTY ? new SingleBar({ format: 'declarations [{bar}] {value}/{total} {percentage}% eta {eta}s', hideCursor: true }) : undefined;
  bar?.start(options.count, 0);
  let written = 0;
  let chunk = '';
  const flush = async () => {
    if (chunk === '') return;
    const ok = sink.write(chunk);
    chunk = '';
    if (!ok) await settle(sink, 'drain');
    if (failure) throw failure;
  };
  for (const generated of iterateDeclarations(options)) {
    chunk += `${JSON.stringify(labelled ? generated : generated.declaration)}\n`;
    written++;
    if (chunk.length > 1 << 20) {
      await flush();
      bar?.update(written);
    }
  }
  await flush();
  bar?.update(written);
  bar?.stop();
  if (out) {
    (sink as WriteStream).end();
    await settle(sink, 'finish');
    if (failure) throw failure;
    process.stderr.write(`wrote ${written} declaration(s) to ${out}\n`);
  }
}

/** Waits for `event` or an error, removing both listeners afterwards. */
async function settle(emitter: NodeJS.EventEmitter, event: string): Promise<void> {
  const abort = new AbortController();
  try {
    await Promise.race([once(emitter, event, { signal: abort.signal }), once(emitter, 'error', { signal: abort.signal })]);
  } finally {
    abort.abort();
  }
}

async function main(): Promise<void> {
  let parsed: Parsed | 'help';
  try {
    parsed = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`declarations: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  // A reader that stops early (| head) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  try {
    await write(parsed);
  } catch (error) {
    process.stderr.write(`declarations: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

void main();
