// A big study spread over machines: each replication is a 'sim.replication' job on the platform
// JobQueue (Bull on REDIS_URL). Any process running `npm run sim -- worker` (and the process that
// started the study) takes jobs; each result comes back as a job on the study's own queue
// ('sim.result.<study>'), which only the starting process reads. Loaded only when asked for:
// the platform brings Nest with it.
import { createJobQueue, loadConfig, type JobQueue } from '@corridor/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Scenario } from '../scenario/scenario';
import { REPLICATION_QUEUE, resultQueue, type ReplicationDone, type ReplicationJob } from './distributed-protocol';
import { runInWorkers } from './pool';
import { runReplication, type ReplicationResult } from './replication';

export { REPLICATION_QUEUE, resultQueue, type ReplicationDone, type ReplicationJob };

/** The job queue of the environment (Bull when REDIS_URL is set; the simulator signs no tokens, so no JWT_SECRET is needed). */
export function simulationJobQueue(env: Record<string, string | undefined> = process.env): JobQueue {
  return createJobQueue(loadConfig({ REDIS_URL: env.REDIS_URL, JOBS_PREFIX: env.JOBS_PREFIX, DATA_DIR: ':memory:', JWT_SECRET: randomBytes(32).toString('hex') }));
}

/**
 * Takes 'sim.replication' jobs from `jobs` and answers each on its study's result queue, running
 * up to `concurrency` at once (on worker threads when `threads`).
 */
export function serveReplications(jobs: JobQueue, options: { concurrency: number; threads: boolean; onJob?: (job: ReplicationJob) => void }): void {
  jobs.process<ReplicationJob>(
    REPLICATION_QUEUE,
    async (job) => {
      options.onJob?.(job);
      let done: ReplicationDone;
      try {
        const result = options.threads
          ? (await runInWorkers(job.scenario, job.seed, [job.replication], { workers: 1 }))[0]
          : await runReplication(job.scenario, job.replication, { seed: job.seed });
        done = { replication: job.replication, result };
      } catch (error) {
        done = { replication: job.replication, error: error instanceof Error ? error.message : String(error) };
      }
      await jobs.add(resultQueue(job.study), done, { jobId: `${job.study}:${job.replication}`, attempts: 5 });
    },
    Math.max(1, options.concurrency),
  );
}

export interface DistributedOptions {
  /** Threads this process works with (0: it only waits for other workers). */
  localWorkers: number;
  onProgress?: (replication: number, fraction: number) => void;
  onResult?: (result: ReplicationResult) => void;
  /** The queue to use (default: from REDIS_URL). */
  jobs?: JobQueue;
}

/** Queues the replications, collects their results, and closes the queue it opened. */
export async function runDistributed(scenario: Scenario, seed: number, replications: readonly number[], options: DistributedOptions): Promise<ReplicationResult[]> {
  const jobs = options.jobs ?? simulationJobQueue();
  const study = randomUUID();
  const results = new Map<number, ReplicationResult>();
  try {
    const finished = new Promise<void>((resolve, reject) => {
      if (replications.length === 0) resolve();
      jobs.process<ReplicationDone>(resultQueue(study), (done) => {
        if (done.error !== undefined || !done.result) {
          reject(new Error(`replication ${done.replication} failed on a worker: ${done.error ?? 'no result'}`));
          return;
        }
        if (results.has(done.replication)) return;
        results.set(done.replication, done.result);
        options.onResult?.(done.result);
        if (results.size === replications.length) resolve();
      });
    });
    if (options.localWorkers > 0) serveReplications(jobs, { concurrency: options.localWorkers, threads: true });
    for (const replication of replications) {
      const job: ReplicationJob = { study, scenario, seed, replication };
      await jobs.add(REPLICATION_QUEUE, job, { jobId: `${study}:${replication}`, attempts: 3, backoffMs: 1000 });
    }
    await finished;
    return [...results.values()];
  } finally {
    if (!options.jobs) await jobs.close();
  }
}
