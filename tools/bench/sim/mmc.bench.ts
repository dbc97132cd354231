// Benchmark: M/M/4 at rho 0.9 on the Corridor simulation kernel.
//
// Same model as tools/bench/sim/mmc_simpy.py: Poisson arrivals at 216 customers/hour,
// exponential service with mean 60 s, 4 servers, one FIFO queue. A source process
// starts every customer as a process; each customer requests a server, waits for
// it, holds it for its service time and releases it. The run ends when the source
// has created CUSTOMERS customers and all of them have been served.
//
// Usage: node -r @swc-node/register tools/bench/sim/mmc.bench.ts [customers] [repeats] [seed]
// First one warm-up run of 100 000 customers (V8 optimises the hot loop; its figure is
// printed as corridor-cold), then `repeats` (default 5) timed runs of `customers`
// (default 1 000 000) with seeds seed, seed+1, ...; prints each run and finally
// "corridor customers=<n> customers_per_s=<median> best=<max> customers_per_cpu_s=<median> mean_wait_s=<w>".
// customers_per_s uses wall-clock time (the figure to quote on a quiet machine);
// customers_per_cpu_s uses the process's CPU time, which is less disturbed when
// other work shares the machine.
import { Environment, RandomStreams, Resource, type ProcessGenerator } from '@corridor/sim';

const CUSTOMERS = Number(process.argv[2] ?? 1_000_000);
const REPEATS = Number(process.argv[3] ?? 5);
const SEED = Number(process.argv[4] ?? 12345);
const SERVERS = 4;
const MEAN_INTERARRIVAL = 3600 / 216; // seconds
const MEAN_SERVICE = 60; // seconds

interface Result {
  served: number;
  /** Wall-clock seconds of env.run(). */
  seconds: number;
  /** CPU seconds (user + system, all threads) of env.run(): robust when the machine is shared. */
  cpuSeconds: number;
  meanWait: number;
}

function run(customers: number, seed: number): Result {
  const env = new Environment();
  const booths = new Resource(env, { capacity: SERVERS, name: 'booths' });
  const streams = new RandomStreams(seed);
  const arrivals = streams.stream('arrivals');
  const service = streams.stream('service');
  let served = 0;

  // Waits are recorded by the resource itself (booths.stats()).
  function* customer(): ProcessGenerator<void> {
    const req = booths.request();
    yield req;
    yield env.timeout(service.exponential(MEAN_SERVICE));
    booths.release(req);
    served++;
  }

  function* source(): ProcessGenerator<void> {
    for (let i = 0; i < customers; i++) {
      env.process(customer());
      yield env.timeout(arrivals.exponential(MEAN_INTERARRIVAL));
    }
  }

  env.process(source());
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  env.run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (served !== customers) throw new Error(`served ${served} of ${customers}`);
  const stats = booths.stats();
  if (stats.granted !== customers) throw new Error(`granted ${stats.granted} of ${customers}`);
  return { served, seconds, cpuSeconds, meanWait: stats.meanWait };
}

const line = (name: string, x: Result) =>
  `${name} customers=${x.served} seconds=${x.seconds.toFixed(3)} customers_per_s=${Math.round(x.served / x.seconds)} ` +
  `customers_per_cpu_s=${Math.round(x.served / x.cpuSeconds)} mean_wait_s=${x.meanWait.toFixed(2)}`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

process.stdout.write(`${line('corridor-cold', run(100_000, SEED + 1_000))}\n`);
const results: Result[] = [];
for (let i = 0; i < REPEATS; i++) {
  const r = run(CUSTOMERS, SEED + i);
  results.push(r);
  process.stdout.write(`${line(`corridor-run${i + 1}`, r)}\n`);
}
const wall = results.map((r) => r.served / r.seconds);
const cpu = results.map((r) => r.served / r.cpuSeconds);
const meanWait = results.reduce((a, r) => a + r.meanWait, 0) / results.length;
process.stdout.write(
  `corridor customers=${CUSTOMERS} customers_per_s=${Math.round(median(wall))} best=${Math.round(Math.max(...wall))} ` +
    `customers_per_cpu_s=${Math.round(median(cpu))} mean_wait_s=${meanWait.toFixed(2)}\n`,
);
