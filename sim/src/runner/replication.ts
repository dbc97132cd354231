// One replication of a scenario: its own random streams (seed, replication index), its own
// environment, and with `services: real` its own in-process Nest application.
import { Environment } from '../kernel/environment';
import { HOUR_SECONDS } from '../kernel/schedule';
import { BorderModel, type ReplicationMeasures } from '../model/border-model';
import { RandomStreams } from '../random/stream';
import type { Scenario } from '../scenario/scenario';
import { AsyncDriver } from './async-driver';

/** What the real modules did in a replication (`services: real` only). */
export interface ServicesReport {
  riskModule: boolean;
  lodged: number;
  riskAssessed: number;
  riskPending: number;
  readsSent: number;
  /** First recommendations by action; `none` when the passage was incomplete (a missed read). */
  recommendations: Record<string, number>;
  decisions: number;
  bootMs: number;
  /** Wall time of real calls the simulation waited for, ms. */
  waitedMs: number;
}

export interface ReplicationResult extends ReplicationMeasures {
  replication: number;
  /** Wall-clock time of this replication, ms (not part of the reproducible result). */
  wallMs: number;
  services?: ServicesReport;
}

export interface ReplicationOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  onProgress?: (fraction: number) => void;
}

/** Runs replication `replication` (0-based) of `scenario`. */
export async function runReplication(scenario: Scenario, replication: number, options: ReplicationOptions = {}): Promise<ReplicationResult> {
  if (scenario.services !== 'real') return runPureReplication(scenario, replication, options);
  const started = performance.now();
  const seed = options.seed ?? scenario.seed;
  const env = new Environment();
  const driver = new AsyncDriver(env);
  // Loaded only when asked for, so the pure simulator never loads Nest.
  const { RealBorderServices } = await import('../services/real-services');
  const services = await RealBorderServices.start(scenario, driver, { seed, replication });
  let measures: ReplicationMeasures;
  try {
    const model = new BorderModel(env, scenario, new RandomStreams(seed, replication), { services, onProgress: options.onProgress });
    model.start();
    await driver.run(scenario.horizonHours * HOUR_SECONDS);
    measures = model.finish();
  } finally {
    await services.close();
  }
  return { replication, ...measures, wallMs: performance.now() - started, services: services.report() };
}

/** A replication of the pure model (no services), synchronously. */
export function runPureReplication(scenario: Scenario, replication: number, options: ReplicationOptions = {}): ReplicationResult {
  const started = performance.now();
  const env = new Environment();
  const model = new BorderModel(env, scenario, new RandomStreams(options.seed ?? scenario.seed, replication), { onProgress: options.onProgress });
  model.start();
  env.run({ until: scenario.horizonHours * HOUR_SECONDS });
  return { replication, ...model.finish(), wallMs: performance.now() - started };
}
