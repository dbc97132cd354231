// npm run lanes -- simulate --lane ID --trucks N [--seed S] [--mqtt URL] [--rate PER_MIN] [--faults default|none] [--fast]
//   publishes a lane's device streams over MQTT in real time (or --fast: as fast as the broker takes them)
// npm run lanes -- fleet [--seed S] [--size N] [--register URL --token ADMIN_TOKEN]
//   prints (or registers) the trusted carriers whose trucks `simulate --seed S` sends
import { demoFleet, fleetRegistrations, generateTruckStream, LANE_ID, NO_FAULTS, type StreamMessage } from '@corridor/lanes';
import { SingleBar } from 'cli-progress';
import { connectAsync } from 'mqtt';
import { parseArgs, type ParseArgsConfig } from 'node:util';

function fail(message: string): never {
  process.stderr.write(`lanes: ${message}\n`);
  process.exit(2);
}

function integer(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) fail(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}

function args(options: ParseArgsConfig['options'], argv: string[]) {
  try {
    return parseArgs({ args: argv, options, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    fail((error as Error).message);
  }
}

async function simulate(argv: string[]): Promise<void> {
  const v = args({ lane: { type: 'string' }, trucks: { type: 'string' }, seed: { type: 'string' }, mqtt: { type: 'string' }, rate: { type: 'string' }, faults: { type: 'string' }, fast: { type: 'boolean' } }, argv);
  const laneId = typeof v.lane === 'string' ? v.lane : fail('--lane is required (e.g. USDET-AMB-01; GET /api/lanes lists them)');
  if (!LANE_ID.test(laneId)) fail(`--lane "${laneId}" is not a lane id (upper-case letters, digits and dashes)`);
  const trucks = integer(v.trucks as string | undefined, 'trucks', NaN, 1, 1_000_000);
  if (Number.isNaN(trucks)) fail('--trucks is required');
  const seed = integer(v.seed as string | undefined, 'seed', 1, 0, 2 ** 31 - 1);
  const rate = Number(v.rate ?? 2);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 6_000) fail(`--rate must be trucks per minute, above 0 and at most 6000, got "${v.rate}"`);
  if (v.faults !== undefined && v.faults !== 'default' && v.faults !== 'none') fail('--faults must be default or none');
  const url = (v.mqtt as string | undefined) ?? process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';

  const { messages, trucks: plan } = generateTruckStream({ laneId, trucks, seed, ratePerMinute: rate, startAt: Date.now() + 1_000, faults: v.faults === 'none' ? NO_FAULTS : undefined });
  const client = await connectAsync(url, { clientId: `corridor-simulate-${process.pid}`, connectTimeout: 5_000, reconnectPeriod: 0 }).catch((error: Error) => fail(`cannot connect to ${url}: ${error.message}`));
  const faults = new Map<string, number>();
  for (const t of plan) for (const f of t.faults) faults.set(f, (faults.get(f) ?? 0) + 1);
  process.stderr.write(`lane ${laneId}: ${trucks} trucks at ${rate}/min (seed ${seed}), ${messages.length} messages to ${url}\n`);

  const bar = process.stderr.isTTY ? new SingleBar({ format: 'publishing [{bar}] {value}/{total} messages | {eta_formatted} left', stream: process.stderr }) : undefined;
  bar?.start(messages.length, 0);
  let sent = 0;
  const publish = (m: StreamMessage) => client.publishAsync(m.topic, JSON.stringify(m.payload), { qos: 1 }).then(() => bar?.update(++sent));
  if (v.fast) {
    for (const m of messages) await publish(m);
  } else {
    // Real time: each message at its send time; device times inside the payloads already match.
    for (const m of messages) {
      const wait = m.sendAt - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await publish(m);
    }
  }
  bar?.stop();
  await client.endAsync();
  const summary = { lane: laneId, trucks, messages: messages.length, duplicates: messages.filter((m) => m.fault === 'duplicate').length, delayed: messages.filter((m) => m.fault === 'delayed').length, faults: Object.fromEntries(faults) };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

async function fleet(argv: string[]): Promise<void> {
  const v = args({ seed: { type: 'string' }, size: { type: 'string' }, register: { type: 'string' }, token: { type: 'string' } }, argv);
  const bodies = fleetRegistrations(demoFleet(integer(v.seed as string | undefined, 'seed', 1, 0, 2 ** 31 - 1), integer(v.size as string | undefined, 'size', 24, 1, 10_000)));
  if (!v.register) {
    for (const body of bodies) process.stdout.write(`${JSON.stringify(body)}\n`);
    return;
  }
  if (typeof v.token !== 'string') fail('--register needs --token (an admin token: npm run token -- --role admin)');
  for (const body of bodies) {
    const response = await fetch(new URL('/api/trusted-traders/carriers', v.register as string), {
      method: 'POST',
      headers: { authorization: `Bearer ${v.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch((error: Error) => fail(`cannot reach ${v.register}: ${error.message}`));
    const answer = (await response.json().catch(() => ({}))) as { id?: string; code?: string; message?: string };
    process.stdout.write(response.ok ? `registered ${body.name}: ${answer.id}\n` : `${body.name}: ${response.status} ${answer.code ?? ''} ${answer.message ?? ''}\n`);
  }
}

const [command, ...rest] = process.argv.slice(2);
const run = command === 'simulate' ? simulate : command === 'fleet' ? fleet : undefined;
if (!run) fail('usage: npm run lanes -- simulate --lane ID --trucks N [--seed S] [--mqtt URL] [--rate PER_MIN] [--faults default|none] [--fast] | fleet [--seed S] [--size N] [--register URL --token T]');
run(rest).catch((error: Error) => fail(error.message));
