// Worker thread of the verification pool: verifies batches from plain data (verify-batch.ts).
import { parentPort } from 'node:worker_threads';
import { verifyCorridorBatch, type VerifyBatchInput } from './verify-batch';

interface Job {
  readonly id: number;
  readonly input: VerifyBatchInput;
}

parentPort?.on('message', (job: Job) => {
  try {
    parentPort?.postMessage({ id: job.id, results: verifyCorridorBatch(job.input) });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : 'verification failed in the worker' });
  }
});
parentPort?.postMessage({ ready: true });
