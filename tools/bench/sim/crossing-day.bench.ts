// Benchmark: one replication of a full crossing day with `services: real`.
//
// The Secure Corridor pilot scenario (sim/scenarios/secure-corridor-pilot.yaml) scaled to a day of
// TRUCKS trucks (10,000 by default: the Ambassador Bridge's two-way daily volume), with twice the
// booths so the load per booth stays the pilot's; horizon 24 h, no warm-up. Every truck runs
// through the real modules in process: its synthetic declaration is lodged (ledger entry), risk
// scores it as a job, its device reads go to its lane, the lane recommends, the officer's
// decision is recorded. Target: under 10 s per replication.
//
// Replications run one after another on one worker thread of the runner's pool, as a study's
// workers run them (young generation as the pool sets it); the first one also loads and compiles
// the modules, so the figure is the median over the replications after it.
//
// Usage: node -r @swc-node/register tools/bench/sim/crossing-day.bench.ts [--trucks 10000] [--replications 3] [--seed 1] [--scenario FILE]
// Prints each replication (wall and CPU time, boot, time waiting on the modules), then
// "crossing-day trucks=<n> replications=<r> wall_s_per_replication=<median> cpu_s_per_replication=<median> target_s=10".
import { loadScenario, runInWorkers, type ReplicationResult, type Scenario } from '@corridor/sim';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { trucks: { type: 'string' }, replications: { type: 'string' }, seed: { type: 'string' }, scenario: { type: 'string' } } });
const TRUCKS = Number(values.trucks ?? 10_000);
const REPLICATIONS = Math.max(2, Number(values.replications ?? 3));
const SEED = Number(values.seed ?? 1);
const FILE = values.scenario ?? resolve(__dirname, '../../../sim/scenarios/secure-corridor-pilot.yaml');

/** The scenario as a one-day, `services: real` run of TRUCKS trucks, booths scaled with the volume. */
function crossingDay(base: Scenario): Scenario {
  const perDay = base.arrivals.reduce((sum, a) => sum + (a.hourlyRates ? a.hourlyRates.reduce((x, y) => x + y, 0) : (a.ratePerHour ?? 0) * 24), 0);
  const scale = TRUCKS / perDay;
  const lanesScale = Math.max(1, Math.round(scale));
  return {
    ...base,
    name: `${base.name}-crossing-day`,
    horizonHours: 24,
    warmupHours: 0,
    arrivals: base.arrivals.map((a) => ({ ...a, ratePerHour: a.ratePerHour === null ? null : a.ratePerHour * scale, hourlyRates: a.hourlyRates?.map((r) => r * scale) ?? null })),
    lanes: base.lanes.map((l) => ({ ...l, count: Math.min(64, l.count * lanesScale), schedule: l.schedule?.map((n) => Math.min(64, n * lanesScale)) ?? null })),
    secondary: base.secondary ? { ...base.secondary, bays: base.secondary.bays * lanesScale, schedule: base.secondary.schedule?.map((n) => n * lanesScale) ?? null } : null,
    services: 'real',
    realServices: base.realServices ?? { lodgeLeadMinutes: { type: 'uniform', min: 60, max: 240 }, office: 'CAWND', declarationItems: null, riskRandomSamplingRate: 0, passageWindowSeconds: 20 },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function describe(result: ReplicationResult, wall: number, cpu: number, note: string): string {
  const s = result.services;
  const recs = s ? Object.entries(s.recommendations).map(([k, v]) => `${k} ${v}`).join(', ') : '';
  return `  replication ${result.replication}${note}: ${result.trucks} trucks in ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU` +
    (s ? ` (boot ${(s.bootMs / 1000).toFixed(1)} s, waiting on modules ${(s.waitedMs / 1000).toFixed(1)} s; risk module ${s.riskModule ? 'on' : 'absent'}, ${s.lodged} lodged, ${s.riskAssessed} risk-assessed, ${s.readsSent} reads, recommendations: ${recs}, ${s.decisions} decisions)` : '') +
    `; trusted PIL ${result.kpis.pil_processing_s_trusted?.toFixed(1)} s, wait ${result.kpis.pil_wait_s?.toFixed(1)} s, referral ${(100 * (result.kpis.referral_rate ?? NaN)).toFixed(2)}%\n`;
}

async function main(): Promise<void> {
  const scenario = crossingDay(loadScenario(FILE));
  const lanes = scenario.lanes.map((l) => `${l.count} ${l.type}`).join(' + ');
  process.stdout.write(`crossing day: ${TRUCKS} trucks expected, lanes ${lanes}, services: real (${FILE}); ${REPLICATIONS} replications on one worker thread\n`);
  const walls: number[] = [];
  const cpus: number[] = [];
  // The main thread only waits: the process's CPU time between two results is the worker's.
  let seen = 0;
  let t0 = performance.now();
  let cpu0 = process.cpuUsage();
  await runInWorkers(scenario, SEED, Array.from({ length: REPLICATIONS }, (_, r) => r), {
    workers: 1,
    onResult: (result) => {
      const wall = (performance.now() - t0) / 1000;
      const used = process.cpuUsage(cpu0);
      const cpu = (used.user + used.system) / 1e6;
      if (seen++ > 0) {
        walls.push(wall);
        cpus.push(cpu);
      }
      process.stdout.write(describe(result, wall, cpu, seen === 1 ? ' (also loads the modules: not counted)' : ''));
      t0 = performance.now();
      cpu0 = process.cpuUsage();
    },
  });
  process.stdout.write(`crossing-day trucks=${TRUCKS} replications=${walls.length} wall_s_per_replication=${median(walls).toFixed(2)} cpu_s_per_replication=${median(cpus).toFixed(2)} target_s=10\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
