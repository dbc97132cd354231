// A worker thread that runs replications for the pool (pool.ts): one message in, progress and
// one result (or error) out, for as many replications as it is given.
import { parentPort } from 'node:worker_threads';
import type { Scenario } from '../scenario/scenario';
import { runReplication } from './replication';

export interface RunMessage {
  type: 'run';
  scenario: Scenario;
  seed: number;
  replication: number;
}

export type WorkerReply =
  | { type: 'progress'; replication: number; fraction: number }
  | { type: 'result'; result: Awaited<ReturnType<typeof runReplication>> }
  | { type: 'error'; replication: number; message: string };

const port = parentPort;
if (port) {
  port.on('message', (message: RunMessage) => {
    if (message.type !== 'run') return;
    const { scenario, seed, replication } = message;
    const reply = (r: WorkerReply) => port.postMessage(r);
    runReplication(scenario, replication, { seed, onProgress: (fraction) => reply({ type: 'progress', replication, fraction }) })
      .then((result) => reply({ type: 'result', result }))
      .catch((error: unknown) => reply({ type: 'error', replication, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  });
}
