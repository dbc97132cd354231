// Replications in parallel on worker threads. Workers load the TypeScript sources themselves
// (@swc-node/register, with the workspace's tsconfig for the @corridor/* paths), so the pool
// works the same from the CLI (node -r @swc-node/register) and from vitest.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../scenario/scenario';
import type { ReplicationResult } from './replication';
import type { RunMessage, WorkerReply } from './worker';

const WORKER_FILE = resolve(__dirname, 'worker.ts');
const WORKSPACE_TSCONFIG = resolve(__dirname, '../../../tsconfig.json');

export interface PoolOptions {
  workers: number;
  onProgress?: (replication: number, fraction: number) => void;
  onResult?: (result: ReplicationResult) => void;
}

let pinned = false;
/**
 * @swc/core is a native addon: if every thread that loaded it has stopped, a new worker loading
 * it again crashes the process (segmentation fault). Keeping it loaded in this thread avoids that.
 */
function pinCompiler(): void {
  if (pinned) return;
  pinned = true;
  try {
    createRequire(__filename)('@swc/core');
  } catch {
    // Not installed: the workers will fail to start and say so.
  }
}

/**
 * A replication with `services: real` makes a few hundred kilobytes of short-lived objects per
 * truck; V8's default 16 MB semi-spaces promote much of it and collect it again in the old
 * generation. 64 MB semi-spaces (a 192 MB young generation) cut its CPU time by about 10%.
 */
const YOUNG_GENERATION_MB = 192;

function spawn(): Worker {
  pinCompiler();
  const env: Record<string, string | undefined> = { ...process.env };
  if (!env.SWC_NODE_PROJECT && !env.TS_NODE_PROJECT && existsSync(WORKSPACE_TSCONFIG)) env.SWC_NODE_PROJECT = WORKSPACE_TSCONFIG;
  return new Worker(WORKER_FILE, { execArgv: ['-r', '@swc-node/register'], env, stderr: false, stdout: false, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}

/** Runs `replications` of `scenario` on `workers` threads; results come back in any order. */
export function runInWorkers(scenario: Scenario, seed: number, replications: readonly number[], options: PoolOptions): Promise<ReplicationResult[]> {
  const queue = [...replications];
  const results: ReplicationResult[] = [];
  const workers: Worker[] = [];
  /** The replication each worker is running (undefined when idle or stopped). */
  const current = new Map<Worker, number | undefined>();
  return new Promise<ReplicationResult[]>((resolvePool, rejectPool) => {
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      rejectPool(error);
    };
    const next = (worker: Worker) => {
      const replication = queue.shift();
      current.set(worker, replication);
      if (replication === undefined) {
        void worker.terminate();
        if (results.length === replications.length) resolvePool(results);
        return;
      }
      const message: RunMessage = { type: 'run', scenario, seed, replication };
      worker.postMessage(message);
    };
    const count = Math.max(1, Math.min(options.workers, replications.length));
    for (let i = 0; i < count; i++) {
      const worker = spawn();
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'progress') options.onProgress?.(reply.replication, reply.fraction);
        else if (reply.type === 'result') {
          results.push(reply.result);
          options.onResult?.(reply.result);
          next(worker);
        } else fail(new Error(`replication ${reply.replication} failed: ${reply.message}`));
      });
      worker.on('error', (error) => fail(error));
      worker.on('exit', (code) => {
        const running = current.get(worker);
        if (running !== undefined) fail(new Error(`the worker running replication ${running} stopped (exit code ${code})`));
      });
      next(worker);
    }
    if (replications.length === 0) resolvePool([]);
  });
}
