// Scenario mmc (short horizon) as 'sim.replication' jobs on the platform JobQueue: the protocol
// a big study uses on Bull (REDIS_URL), here on the in-process queue. The results are the
// replications' own, whoever runs them.
import { createJobQueue, loadConfig } from '@corridor/platform';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/parse-scenario';
import { runDistributed, serveReplications } from './distributed';
import { runReplication } from './replication';

describe('scenario mmc as sim.replication jobs on the job queue', () => {
  it('collects every replication from the workers, identical to running them here', async () => {
    const scenario = { ...loadScenario(resolve(__dirname, '../../scenarios/mmc.yaml')), horizonHours: 20, warmupHours: 2 };
    const jobs = createJobQueue(loadConfig({ DATA_DIR: ':memory:', NODE_ENV: 'test' }));
    try {
      const served: number[] = [];
      serveReplications(jobs, { concurrency: 2, threads: false, onJob: (job) => served.push(job.replication) });
      const results = await runDistributed(scenario, 5, [0, 1, 2], { localWorkers: 0, jobs });
      expect(served.sort()).toEqual([0, 1, 2]);
      expect(results.map((r) => r.replication).sort()).toEqual([0, 1, 2]);
      for (const r of results) {
        const local = await runReplication(scenario, r.replication, { seed: 5 });
        expect(r.kpis).toEqual(local.kpis);
      }
    } finally {
      await jobs.close();
    }
  }, 60_000);
});
