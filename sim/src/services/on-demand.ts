// Entry points that need Nest (publishing to the KPI context, Bull workers), loaded only when
// called: importing @corridor/sim never loads Nest.
import type { JobQueue } from '@corridor/platform';
import type { ReplicationJob } from '../runner/distributed';
import type { SimulationResult } from '../runner/summarize';
import type { Scenario } from '../scenario/scenario';
import type { PublishOutcome } from './publish-run';

/** Records a run's KPIs as simulation measurements of an initiative (see publish-run.ts). */
export async function publishRun(result: SimulationResult, scenario: Scenario, initiativeId: string, env: Record<string, string | undefined> = process.env): Promise<PublishOutcome> {
  const { publishRun: publish } = await import('./publish-run');
  return publish(result, scenario, initiativeId, env);
}

/** Starts taking 'sim.replication' jobs from the Bull queue on REDIS_URL; returns the queue (close it to stop). */
export async function startReplicationWorker(options: { concurrency: number; onJob?: (job: ReplicationJob) => void }): Promise<JobQueue> {
  const { serveReplications, simulationJobQueue } = await import('../runner/distributed');
  const jobs = simulationJobQueue();
  await jobs.ping();
  serveReplications(jobs, { concurrency: options.concurrency, threads: true, onJob: options.onJob });
  return jobs;
}
