// Benchmark: time from a lane's last device read to its recommendation, over real MQTT.
//
// Boots the embedded host in this process (SQLite in a temp folder, or PostgreSQL with
// --postgres URL in a fresh schema): Platform + Ledger + Declarations + Lanes, with MQTT_URL set.
// Equips a port with LANES lanes, enrols a fleet of trusted carriers, lodges a declaration for
// every truck and records a green risk result for it, then publishes every lane's device stream
// (one truck per second per lane, with the simulator's usual duplicates, out-of-order delivery,
// missed and doubtful reads) to Mosquitto in real time for SECONDS seconds.
//
// For every recommendation triggered by a device read, the latency is the time from publishing
// that read (the last one the passage needed) to the PassageRecommended event, after commit:
// broker round trip, validation, assembly, registry and declaration look-ups, the rules and the
// database write. Passages that missed a read are recommended at the end of their window by
// design; they are counted, not timed.
//
// Usage: node -r @swc-node/register tools/bench/lanes/lanes.bench.ts [--seconds 40] [--lanes 20] [--seed 1] [--mqtt URL] [--postgres URL]
import { DynamicModule, Module } from '@nestjs/common';
import { CommandBus, EventBus } from '@nestjs/cqrs';
import { DECLARATION_MIGRATIONS, DeclarationsModule, LodgeDeclaration, RecordRiskAssessment } from '@corridor/declarations';
import { CreatePort, DEFAULT_FAULTS, demoFleet, fleetRegistrations, generateTruckStream, LaneDeviceGateway, LANES_MIGRATIONS, LanesModule, PassageRecommended, RegisterCarrier, type StreamMessage } from '@corridor/lanes';
import { LEDGER_MIGRATIONS, LedgerModule } from '@corridor/ledger';
import { CorridorConfig, createHttpApp, loadConfig, PlatformModule } from '@corridor/platform';
import { connectAsync } from 'mqtt';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, lanes: { type: 'string' }, seed: { type: 'string' }, mqtt: { type: 'string' }, postgres: { type: 'string' } } });
const SECONDS = Number(values.seconds ?? 40);
const LANES = Number(values.lanes ?? 20);
const SEED = Number(values.seed ?? 1);
const MQTT_URL = values.mqtt ?? process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const FLEET = 120;
const WINDOW_S = 20;

@Module({})
class BenchHost {
  static forRoot(config: CorridorConfig): DynamicModule {
    return {
      module: BenchHost,
      imports: [PlatformModule.forRoot({ config, migrations: [...LEDGER_MIGRATIONS, ...DECLARATION_MIGRATIONS, ...LANES_MIGRATIONS] }), LedgerModule, DeclarationsModule, LanesModule],
    };
  }
}

const now = () => performance.timeOrigin + performance.now();
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
const ms = (x: number) => x.toFixed(1);

async function withPg<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const run = `bench${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'corridor-lanes-bench-'));
  if (values.postgres) await withPg(values.postgres, (c) => c.query(`CREATE SCHEMA "${run}"`));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    MQTT_URL,
    ...(values.postgres ? { DATABASE_URL: values.postgres, DATABASE_SCHEMA: run } : {}),
  });
  const app = await createHttpApp(BenchHost.forRoot(config));
  await app.init();
  try {
    await app.get(LaneDeviceGateway).whenSubscribed();
    const commands = app.get(CommandBus);
    const prefix = `B${randomBytes(3).toString('hex').toUpperCase()}`;
    const laneIds = Array.from({ length: LANES }, (_, n) => `${prefix}-${String(n + 1).padStart(2, '0')}`);
    await commands.execute(new CreatePort({
      id: prefix, name: 'Bench crossing', locode: 'USDET',
      lanes: laneIds.map((id, n) => ({ id, name: `FAST ${n + 1}`, type: 'trusted', settings: { passageWindowSeconds: WINDOW_S } })),
    }));

    // The fleet is enrolled and every truck has a green declaration, so each passage runs the
    // whole path: registry by transponder and plate, declarations by transponder and plate.
    const fleet = demoFleet(SEED, FLEET);
    for (const body of fleetRegistrations(fleet)) await commands.execute(new RegisterCarrier(body));
    const example = JSON.parse(readFileSync(resolve(__dirname, '../../examples/declaration.json'), 'utf8'));
    const setupStart = now();
    await Promise.all(fleet.map(async (truck) => {
      const body = { ...structuredClone(example), conveyance: { mode: 'road', plate: truck.plate, transponder: truck.epc, carrierId: truck.traderId } };
      const lodged = await commands.execute(new LodgeDeclaration(body, { id: 'bench-broker', roles: ['broker'] }));
      await commands.execute(new RecordRiskAssessment(lodged.id, { version: 1, score: 0.05, channel: 'green', selected: false, random: false, reasons: [], assessedAt: new Date().toISOString() }));
    }));
    process.stdout.write(`setup: ${LANES} lanes, ${FLEET} trucks enrolled with declarations in ${ms((now() - setupStart) / 1000)} s (${values.postgres ? 'PostgreSQL' : 'SQLite'}, MQTT ${MQTT_URL})\n`);

    // One truck per second per lane; lanes start 50 ms apart, each lane sees the fleet in its own order.
    const startAt = Date.now() + 2_000;
    const messages: StreamMessage[] = laneIds.flatMap((laneId, n) => generateTruckStream({
      laneId, trucks: SECONDS, seed: SEED + n, ratePerMinute: 60, arrivals: 'regular', startAt: startAt + n * 50,
      fleet: [...fleet.slice((n * 6) % FLEET), ...fleet.slice(0, (n * 6) % FLEET)],
      faults: { ...DEFAULT_FAULTS, unknownTruck: 0.02 },
    }).messages).sort((a, b) => a.sendAt - b.sendAt);

    const publishedAt = new Map<string, number>();
    const onRead: number[] = [];
    const server: number[] = [];
    let deadline = 0;
    let again = 0;
    const byAction = new Map<string, number>();
    const whyNot = new Map<string, number>();
    const subscription = app.get(EventBus).subscribe((event) => {
      if (!(event instanceof PassageRecommended)) return;
      if (event.round > 1) {
        again++;
        return;
      }
      byAction.set(event.recommendation, (byAction.get(event.recommendation) ?? 0) + 1);
      if (event.recommendation !== 'release') {
        const why = event.reasons[0]?.replace(/[0-9A-F]{6,}|[A-Z]{2}-[A-Z]{2}:\w+|0\.\d+|\d+%|Declaration \w+/g, '…') ?? '';
        whyNot.set(why, (whyNot.get(why) ?? 0) + 1);
      }
      if (typeof event.trigger !== 'object') {
        deadline++;
        return;
      }
      const sent = publishedAt.get(`${event.laneId}|${event.trigger.device}|${event.trigger.at}`);
      if (sent !== undefined) onRead.push(now() - sent);
      // From the moment the lane took the read off MQTT to the event (after commit): no broker transit.
      server.push(now() - Date.parse(event.trigger.receivedAt));
    });

    const publisher = await connectAsync(MQTT_URL, { clientId: `corridor-bench-${process.pid}` });
    let lastReport = Date.now();
    for (const m of messages) {
      const wait = m.sendAt - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const key = `${m.laneId}|${m.device}|${m.payload.at}`;
      if (!publishedAt.has(key)) publishedAt.set(key, now());
      void publisher.publishAsync(m.topic, JSON.stringify(m.payload), { qos: 1 });
      if (Date.now() - lastReport >= 10_000) {
        lastReport = Date.now();
        const sorted = [...onRead].sort((a, b) => a - b);
        process.stdout.write(`  ${Math.round((Date.now() - startAt) / 1000)} s: ${onRead.length} recommendations on read, p50 ${ms(percentile(sorted, 50))} ms, p99 ${ms(percentile(sorted, 99))} ms\n`);
      }
    }
    // Let the last passages complete or reach their deadline.
    await new Promise((r) => setTimeout(r, (WINDOW_S + 1) * 1000));
    subscription.unsubscribe();
    await publisher.endAsync();

    const sorted = [...onRead].sort((a, b) => a - b);
    const serverSorted = [...server].sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    process.stdout.write(
      `lanes=${LANES} seconds=${SECONDS} messages=${messages.length} passages=${onRead.length + deadline} ` +
      `on_read=${onRead.length} at_deadline=${deadline} re_recommended=${again} actions=${JSON.stringify(Object.fromEntries(byAction))}\n` +
      `last read -> recommendation (publish to event, ms): p50=${ms(percentile(sorted, 50))} p90=${ms(percentile(sorted, 90))} p99=${ms(p99)} max=${ms(sorted[sorted.length - 1])}\n` +
      `in the server (read received to event, ms): p50=${ms(percentile(serverSorted, 50))} p99=${ms(percentile(serverSorted, 99))} max=${ms(serverSorted[serverSorted.length - 1])}\n` +
      `not released, first reason: ${JSON.stringify(Object.fromEntries([...whyNot].sort((a, b) => b[1] - a[1])))}\n` +
      `target p99 < 50 ms: ${p99 < 50 ? 'met' : 'NOT met'}\n`,
    );
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (values.postgres) await withPg(values.postgres, (c) => c.query(`DROP SCHEMA IF EXISTS "${run}" CASCADE`));
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
