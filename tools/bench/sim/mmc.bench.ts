// Benchmark: M/M/4 at rho 0.9 on the Corridor simulation kernel.
//
// Same model as tools/bench/sim/mmc_simpy.py: Poisson arrivals at 216 customers/hour,
// exponential service with mean 60 s, 4 servers, one FIFO queue. A source process
// starts every customer as a process; each customer requests a server, waits for
// it, holds it for its service time and releases it. The run ends when the source
// has created CUSTOMERS customers and all of them have been served.
//
// Usage: node -r @swc-node/register tools/bench/sim/mmc.bench.ts [customers] [seed]
// Prints: "corridor customers=<n> seconds=<s> customers_per_s=<r> mean_wait_s=<w>"
// after one untimed warm-up run of 100 000 customers (lets V8 optimise the hot loop;
// the cold figure is printed too).
import { Environment, RandomStreams, Resource, type ProcessGenerator } from '../../../sim/src/index';

const CUSTOMERS = Number(process.argv[2] ?? 1_000_000);
const SEED = Number(process.argv[3] ?? 12345);
const SERVERS = 4;
const MEAN_INTERARRIVAL = 3600 / 216; // seconds
const MEAN_SERVICE = 60; // seconds

interface Result {
  served: number;
  seconds: number;
  meanWait: number;
}

function run(customers: number, seed: number): Result {
  const env = new Environment();
  const booths = new Resource(env, { capacity: SERVERS, name: 'booths' });
  const streams = new RandomStreams(seed);
  const arrivals = streams.stream('arrivals');
  const service = streams.stream('service');
  let served = 0;
  let waitSum = 0;

  function* customer(): ProcessGenerator<void> {
    const arrive = env.now;
    const req = booths.request();
    yield req;
    waitSum += env.now - arrive;
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
  const start = process.hrtime.bigint();
  env.run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (served !== customers) throw new Error(`served ${served} of ${customers}`);
  return { served, seconds, meanWait: waitSum / served };
}

const cold = run(100_000, SEED + 1);
const r = run(CUSTOMERS, SEED);
const line = (name: string, x: Result) =>
  `${name} customers=${x.served} seconds=${x.seconds.toFixed(3)} customers_per_s=${Math.round(x.served / x.seconds)} mean_wait_s=${x.meanWait.toFixed(2)}`;
process.stdout.write(`${line('corridor-cold', cold)}\n${line('corridor', r)}\n`);
