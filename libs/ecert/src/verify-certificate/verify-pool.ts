import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentVerification } from '../document/verify';
import { verifyCorridorBatch, type VerifyBatchInput } from './verify-batch';

/** Where the worker's code is: a compiled bundle beside the host's, or this folder's TypeScript (dev, tests, bench). */
interface WorkerScript {
  readonly file: string;
  readonly execArgv: string[];
  readonly env: Record<string, string | undefined>;
}

/** The bundle name a host's webpack config gives the worker entry (see apps/ecert-api/webpack.config.js). */
export const VERIFY_WORKER_BUNDLE = 'ecert-verify.worker.js';

function findWorkerScript(): WorkerScript | undefined {
  const bundled = [__dirname, process.argv[1] ? dirname(process.argv[1]) : undefined]
    .filter((dir): dir is string => typeof dir === 'string')
    .map((dir) => join(dir, VERIFY_WORKER_BUNDLE))
    .find((file) => existsSync(file));
  if (bundled) return { file: bundled, execArgv: [], env: process.env };
  const source = join(__dirname, 'verify.worker.ts');
  if (!__filename.endsWith('.ts') || !existsSync(source)) return undefined;
  const workspace = resolve(__dirname, '../../../..');
  const tsconfig = join(workspace, 'tsconfig.json');
  if (!existsSync(tsconfig)) return undefined;
  try {
    // (process.getBuiltinModule keeps bundlers from trying to resolve this development-only path.)
    const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
    const load = createRequire(join(workspace, 'package.json'));
    load.resolve('@swc-node/register');
    // The TypeScript loader's native addon must stay loaded on this thread: loaded first by a
    // worker, it is unloaded when that worker ends and the next worker to load it crashes the process.
    load('@swc/core');
  } catch {
    return undefined;
  }
  return { file: source, execArgv: ['-r', '@swc-node/register'], env: { ...process.env, SWC_NODE_PROJECT: tsconfig } };
}

interface Pending {
  resolve: (results: DocumentVerification[]) => void;
  reject: (error: Error) => void;
  slot: Slot;
}

interface Slot {
  worker: Worker;
  inFlight: number;
}

/**
 * A small worker_threads pool for batch verification: Ed25519 costs ~100 µs per distinct
 * document, so a batch is split across the calling thread and one worker per other core (at
 * least one worker). Workers start on the first large batch; if they cannot start (no bundle, no
 * TypeScript loader) verification stays on the calling thread, which gives the same answers,
 * only slower.
 */
export class VerifyPool {
  private readonly logger = new Logger('EcertVerifyPool');
  private slots: Slot[] = [];
  private starting: Promise<boolean> | undefined;
  private unavailable = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** One worker per core but one: the calling thread verifies a share too. */
  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism() - 1)), private readonly script: () => WorkerScript | undefined = findWorkerScript) {}

  /**
   * Verifies on the workers and on this thread together when the workers are (or can be)
   * started, else on this thread alone. This thread takes one share itself: it costs no copying,
   * and with one worker per remaining core every core works on the batch.
   */
  async verify(input: VerifyBatchInput): Promise<DocumentVerification[]> {
    if (this.unavailable || !(await this.start())) return verifyCorridorBatch(input);
    const shares = Math.min(this.slots.length + 1, input.documents.length);
    const per = Math.ceil(input.documents.length / shares);
    const parts = Array.from({ length: shares }, (_, i) => input.documents.slice(i * per, (i + 1) * per));
    const own = parts.pop() ?? [];
    try {
      const sent = parts.map((documents) => this.send({ ...input, documents }));
      const mine = verifyCorridorBatch({ ...input, documents: own });
      return [...(await Promise.all(sent)).flat(), ...mine];
    } catch (error) {
      this.logger.warn(`worker verification failed (${error instanceof Error ? error.message : 'unknown'}); verifying on the main thread`);
      return verifyCorridorBatch(input);
    }
  }

  get started(): boolean {
    return this.slots.length > 0;
  }

  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    this.unavailable = true;
    for (const [, pending] of this.pending) pending.reject(new Error('the verification pool is closing'));
    this.pending.clear();
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private start(): Promise<boolean> {
    if (this.slots.length > 0) return Promise.resolve(true);
    this.starting ??= this.spawnAll().then((ok) => {
      if (!ok) this.unavailable = true;
      return ok;
    });
    return this.starting;
  }

  private async spawnAll(): Promise<boolean> {
    const script = this.script();
    if (!script) {
      this.logger.log('no verification worker script found: batches are verified on the main thread');
      return false;
    }
    try {
      this.slots = await Promise.all(Array.from({ length: this.size }, () => this.spawn(script)));
      this.logger.log(`${this.slots.length} verification worker(s) started`);
      return true;
    } catch (error) {
      this.logger.warn(`verification workers could not start (${error instanceof Error ? error.message : 'unknown'}); verifying on the main thread`);
      await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
      this.slots = [];
      return false;
    }
  }

  private spawn(script: WorkerScript): Promise<Slot> {
    return new Promise((resolvePromise, reject) => {
      const worker = new Worker(script.file, { execArgv: script.execArgv, env: script.env });
      worker.unref();
      const slot: Slot = { worker, inFlight: 0 };
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error('a verification worker did not start within 60 s'));
      }, 60_000);
      timer.unref();
      worker.on('message', (message: { ready?: boolean; id?: number; results?: DocumentVerification[]; error?: string }) => {
        if (message.ready) {
          clearTimeout(timer);
          resolvePromise(slot);
          return;
        }
        const pending = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!pending || message.id === undefined) return;
        this.pending.delete(message.id);
        slot.inFlight--;
        if (message.error !== undefined || !message.results) pending.reject(new Error(message.error ?? 'no results'));
        else pending.resolve(message.results);
      });
      worker.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
        this.retire(slot, error);
      });
      worker.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited with code ${code}`));
        this.retire(slot, new Error(`worker exited with code ${code}`));
      });
    });
  }

  /** A dead worker leaves the pool; its jobs fail (and are redone on the main thread). */
  private retire(slot: Slot, error: Error): void {
    this.slots = this.slots.filter((s) => s !== slot);
    if (this.slots.length === 0 && !this.unavailable && this.starting) {
      this.starting = undefined;
    }
    for (const [id, pending] of this.pending) {
      if (pending.slot === slot) {
        this.pending.delete(id);
        pending.reject(error);
      }
    }
  }

  private send(input: VerifyBatchInput): Promise<DocumentVerification[]> {
    const slot = this.slots.reduce((least, s) => (s.inFlight < least.inFlight ? s : least), this.slots[0]);
    if (!slot) return Promise.reject(new Error('no verification worker is running'));
    const id = this.nextId++;
    slot.inFlight++;
    return new Promise((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject, slot });
      slot.worker.postMessage({ id, input });
    });
  }
}
