/**
 * Merkle core benchmark (pure, in memory). Run from the workspace root:
 *   node -r @swc-node/register tools/bench/ledger/merkle-core.bench.ts [leafCount]
 *
 * Builds a 1,000,000-leaf tree with the incremental appender into the in-memory node store, then
 * times inclusion-proof generation (one batched store read + assembly) and verification on random
 * leaves. The DB-backed bench (appends/s and proof latency against the real store) comes later.
 */
import { performance } from 'node:perf_hooks';
import {
  appendLeafHashes,
  consistencyProofFromStore,
  createInMemoryNodeStore,
  EMPTY_FRONTIER,
  frontierRoot,
  hashLeaf,
  inclusionProofFromStore,
  rootFromStore,
  verifyConsistency,
  verifyInclusion,
  type Frontier,
} from '@corridor/ledger';

const LEAF_COUNT = Number(process.argv[2] ?? 1_000_000);
const BATCH_SIZE = 1_000;
const PROOF_SAMPLES = 20_000;

function entryBytes(i: number): Uint8Array {
  // ~100-byte entries, roughly the size of a canonical JSON declaration digest record.
  return new TextEncoder().encode(`{"declarationId":"D-${i.toString().padStart(10, '0')}","digest":"${(i * 2654435761).toString(16).padStart(64, '0')}"}`);
}

/** Seeded PRNG so runs sample the same leaves. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

function summary(label: string, samplesMs: number[]): string {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  return `${label.padEnd(34)} mean ${us(mean)}  p50 ${us(percentile(sorted, 50))}  p99 ${us(percentile(sorted, 99))}  max ${us(sorted[sorted.length - 1])}`;
}

async function main(): Promise<void> {
  const store = createInMemoryNodeStore();
  let frontier: Frontier = EMPTY_FRONTIER;

  // Append: leaf hashing + appender + store write, in batches as a DB-backed log would.
  const appendStart = performance.now();
  for (let start = 0; start < LEAF_COUNT; start += BATCH_SIZE) {
    const leafHashes: Uint8Array[] = [];
    for (let i = start; i < Math.min(start + BATCH_SIZE, LEAF_COUNT); i++) leafHashes.push(hashLeaf(entryBytes(i)));
    const result = appendLeafHashes(frontier, leafHashes);
    store.putNodes(result.newNodes);
    frontier = result.frontier;
  }
  const appendSeconds = (performance.now() - appendStart) / 1000;
  const root = frontierRoot(frontier);
  if (Buffer.compare(Buffer.from(root), Buffer.from(await rootFromStore(store, LEAF_COUNT))) !== 0) throw new Error('store root differs from frontier root');

  const random = mulberry32(2024);
  const head = { treeSize: LEAF_COUNT, rootHash: root };
  const proveMs: number[] = [];
  const verifyMs: number[] = [];
  const totalMs: number[] = [];
  let pathLength = 0;
  for (let s = 0; s < PROOF_SAMPLES; s++) {
    const index = Math.floor(random() * LEAF_COUNT);
    const entry = entryBytes(index);
    const t0 = performance.now();
    const proof = await inclusionProofFromStore(store, index, LEAF_COUNT);
    const t1 = performance.now();
    const result = verifyInclusion(proof, { entry }, head);
    const t2 = performance.now();
    if (!result.ok) throw new Error(`proof for leaf ${index} failed: ${result.reason}`);
    proveMs.push(t1 - t0);
    verifyMs.push(t2 - t1);
    totalMs.push(t2 - t0);
    pathLength = proof.inclusionPath.length;
  }

  const consistencyMs: number[] = [];
  for (let s = 0; s < 2_000; s++) {
    const first = 1 + Math.floor(random() * (LEAF_COUNT - 1));
    const t0 = performance.now();
    const proof = await consistencyProofFromStore(store, first, LEAF_COUNT);
    const firstRoot = await rootFromStore(store, first);
    const result = verifyConsistency(proof, { treeSize: first, rootHash: firstRoot }, head);
    consistencyMs.push(performance.now() - t0);
    if (!result.ok) throw new Error(`consistency ${first} -> ${LEAF_COUNT} failed: ${result.reason}`);
  }

  const memoryMb = process.memoryUsage().heapUsed / 2 ** 20 + process.memoryUsage().arrayBuffers / 2 ** 20;
  const lines = [
    `ledger merkle core, in-memory store, Node ${process.version}`,
    `leaves                             ${LEAF_COUNT.toLocaleString('en')} (batches of ${BATCH_SIZE})`,
    `append (hash leaf + appender + put) ${Math.round(LEAF_COUNT / appendSeconds).toLocaleString('en')} appends/s (${appendSeconds.toFixed(2)} s total)`,
    `root                               ${Buffer.from(root).toString('hex')}`,
    `inclusion path length              ${pathLength} hashes`,
    summary(`inclusion prove (n=${PROOF_SAMPLES})`, proveMs),
    summary(`inclusion verify (n=${PROOF_SAMPLES})`, verifyMs),
    summary(`inclusion prove + verify`, totalMs),
    summary('consistency prove + root + verify', consistencyMs),
    `heap + array buffers               ${memoryMb.toFixed(0)} MB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
