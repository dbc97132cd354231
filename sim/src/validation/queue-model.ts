// A single-queue, c-server model used by the validation specs (and handy for
// docs): Poisson arrivals, a service-time distribution, FIFO, warm-up deletion.
import { PoissonArrivals, arrivalSource } from '../arrivals/arrivals';
import { Environment } from '../kernel/environment';
import type { ProcessGenerator } from '../kernel/process';
import { Resource, type ResourceStats } from '../kernel/resource';
import type { Distribution } from '../random/distributions';
import { RandomStreams } from '../random/stream';

export interface QueueModel {
  servers: number;
  /** Poisson arrival rate, arrivals per hour. */
  arrivalsPerHour: number;
  /** Service time distribution, seconds. */
  service: Distribution;
}

export interface QueueRun {
  seed: number;
  replication: number;
  /** Observations before this time (s) are discarded. */
  warmup: number;
  /** Length of the observed period after the warm-up (s). */
  duration: number;
}

/** Simulates one replication; returns the resource statistics over [warmup, warmup + duration]. */
export function simulateQueue(model: QueueModel, run: QueueRun): ResourceStats {
  const env = new Environment();
  const streams = new RandomStreams(run.seed, run.replication);
  const arrivalRng = streams.stream('arrivals');
  const serviceRng = streams.stream('service');
  const servers = new Resource(env, { capacity: model.servers, warmup: run.warmup, name: 'servers' });
  const service = model.service;

  function* customer(): ProcessGenerator<void> {
    const req = servers.request();
    yield req;
    yield env.timeout(service.sample(serviceRng));
    servers.release(req);
  }

  arrivalSource(env, new PoissonArrivals(model.arrivalsPerHour), arrivalRng, () => env.process(customer()));
  env.run({ until: run.warmup + run.duration });
  return servers.stats();
}
