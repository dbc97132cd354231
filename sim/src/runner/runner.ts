// Running a scenario: R replications (in parallel on worker threads, or on Bull workers across
// machines when REDIS_URL is set), summarised with 95% confidence intervals.
import { availableParallelism } from 'node:os';
import type { Scenario } from '../scenario/scenario';
import { runInWorkers } from './pool';
import { runReplication, type ReplicationResult } from './replication';
import { summarize, type SimulationResult } from './summarize';

export interface RunScenarioOptions {
  /** Overrides the scenario's replication count. */
  replications?: number;
  /** Overrides the scenario's seed. */
  seed?: number;
  /**
   * Worker threads; 0 runs in this thread. Default: one per CPU (at most one per replication),
   * or 0 for a single replication.
   */
  workers?: number;
  /**
   * Spread replications over Bull workers ('sim.replication' jobs on REDIS_URL). Default: when
   * REDIS_URL is set. This process works too, with `workers` threads.
   */
  distributed?: boolean;
  /** Overall progress, 0 to 1 (simulated time done over all replications). */
  onProgress?: (fraction: number) => void;
  /** Called as each replication finishes. */
  onReplication?: (result: ReplicationResult) => void;
}

/** Runs the scenario and returns the summarised result (its JSON is the CLI's output). */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<SimulationResult> {
  const started = performance.now();
  const seed = options.seed ?? scenario.seed;
  const count = options.replications ?? scenario.replications;
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`replications must be a whole number >= 1, got ${count}`);
  if (!(Number.isSafeInteger(seed) && seed >= 0)) throw new RangeError(`seed must be a whole number >= 0, got ${seed}`);
  const indexes = Array.from({ length: count }, (_, r) => r);
  const progress = new Map<number, number>();
  const report = (replication: number, fraction: number) => {
    progress.set(replication, fraction);
    if (options.onProgress) options.onProgress([...progress.values()].reduce((a, b) => a + b, 0) / count);
  };
  const onResult = (result: ReplicationResult) => {
    report(result.replication, 1);
    options.onReplication?.(result);
  };
  const workers = options.workers ?? (count === 1 ? 0 : Math.min(count, availableParallelism()));
  let results: ReplicationResult[];
  if (options.distributed ?? Boolean(process.env.REDIS_URL)) {
    const { runDistributed } = await import('./distributed');
    results = await runDistributed(scenario, seed, indexes, { localWorkers: workers, onProgress: report, onResult });
  } else if (workers > 0) {
    results = await runInWorkers(scenario, seed, indexes, { workers, onProgress: report, onResult });
  } else {
    results = [];
    for (const r of indexes) {
      const result = await runReplication(scenario, r, { seed, onProgress: (f) => report(r, f) });
      results.push(result);
      onResult(result);
    }
  }
  return summarize(scenario, seed, results, performance.now() - started);
}

/** The result as the CLI prints it; `wall_ms` aside, the same seed gives the same text. */
export function resultJson(result: SimulationResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
