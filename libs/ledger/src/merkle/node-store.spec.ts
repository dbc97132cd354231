import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../hex';
import { appendLeafHashes, EMPTY_FRONTIER, frontierRoot, type StoredNode } from './appender';
import { hashLeaf } from './hashing';
import {
  appendToStore,
  consistencyProofFromStore,
  createInMemoryNodeStore,
  frontierFromStore,
  inclusionProofFromStore,
  rootFromStore,
  type NodeStore,
} from './node-store';
import { nodesNeededForInclusion } from './proof-plans';
import type { NodeCoordinate } from './subtrees';
import { verifyInclusion } from './verify';

const leaves = (count: number, from = 0) => Array.from({ length: count }, (_, i) => hashLeaf(new TextEncoder().encode(`leaf ${from + i}`)));

/** An asynchronous store that records its batches, as a DB-backed one would see them. */
function recordingAsyncStore() {
  const inner = createInMemoryNodeStore();
  const reads: NodeCoordinate[][] = [];
  const writes: StoredNode[][] = [];
  const store: NodeStore = {
    getNodes: async (nodes) => {
      reads.push([...nodes]);
      return inner.getNodes(nodes);
    },
    putNodes: async (nodes) => {
      writes.push([...nodes]);
      inner.putNodes(nodes);
    },
  };
  return { store, reads, writes };
}

describe('node stores', () => {
  it('serves a root, an inclusion proof and a consistency proof with exactly one batched read each', async () => {
    const { store, reads } = recordingAsyncStore();
    await appendToStore(store, EMPTY_FRONTIER, leaves(1000));
    await rootFromStore(store, 999);
    await inclusionProofFromStore(store, 500, 999);
    await consistencyProofFromStore(store, 300, 999);
    expect(reads).toHaveLength(3);
    expect(reads[1]).toEqual(nodesNeededForInclusion(500, 999));
    for (const batch of reads) expect(batch.length).toBeLessThanOrEqual(2 * 10 + 2);
  });

  it('persists each append batch with one write and resumes after a restart', async () => {
    const { store, writes } = recordingAsyncStore();
    let frontier = await appendToStore(store, EMPTY_FRONTIER, leaves(100));
    frontier = await appendToStore(store, frontier, leaves(23, 100));
    expect(writes).toHaveLength(2);
    const resumed = await frontierFromStore(store, 123);
    expect(bytesToHex(frontierRoot(resumed))).toBe(bytesToHex(frontierRoot(frontier)));
    const continued = await appendToStore(store, resumed, leaves(10, 123));
    const fresh = appendLeafHashes(EMPTY_FRONTIER, [...leaves(123), ...leaves(10, 123)]).frontier;
    expect(bytesToHex(frontierRoot(continued))).toBe(bytesToHex(frontierRoot(fresh)));
    expect(bytesToHex(await rootFromStore(store, 133))).toBe(bytesToHex(frontierRoot(fresh)));
  });

  it('proves inclusion of old entries in later, larger trees', async () => {
    const { store } = recordingAsyncStore();
    const all = leaves(77);
    await appendToStore(store, EMPTY_FRONTIER, all);
    for (const size of [10, 50, 77]) {
      const proof = await inclusionProofFromStore(store, 9, size);
      expect(verifyInclusion(proof, { leafHash: all[9] }, { treeSize: size, rootHash: await rootFromStore(store, size) })).toEqual({ ok: true });
    }
  });

  it('refuses to serve nodes it does not have', async () => {
    const store = createInMemoryNodeStore();
    store.putNodes(appendLeafHashes(EMPTY_FRONTIER, leaves(5)).newNodes);
    expect(store.leafCount()).toBe(5);
    expect(() => store.getSubtreeHash(2, 1)).toThrow(/node level 2 index 1 is not stored/);
    expect(() => store.getLeafHash(5)).toThrow(/node level 0 index 5 is not stored/);
    await expect(inclusionProofFromStore(store, 0, 6)).rejects.toThrow(/not stored/);
  });

  it('accepts a repeated identical write but rejects a conflicting or out-of-order one', () => {
    const store = createInMemoryNodeStore();
    const { newNodes } = appendLeafHashes(EMPTY_FRONTIER, leaves(4));
    store.putNodes(newNodes);
    store.putNodes(newNodes);
    expect(store.leafCount()).toBe(4);
    expect(() => store.putNodes([{ level: 0, index: 1, hash: leaves(1, 99)[0] }])).toThrow(/already stored with a different hash/);
    expect(() => store.putNodes([{ level: 0, index: 6, hash: leaves(1)[0] }])).toThrow(/skips index 4/);
    expect(() => store.putNodes([{ level: 0, index: 4, hash: new Uint8Array(3) }])).toThrow(/not 32 bytes/);
  });

  it('hands out copies so callers cannot corrupt stored hashes', () => {
    const store = createInMemoryNodeStore();
    store.putNodes(appendLeafHashes(EMPTY_FRONTIER, leaves(2)).newNodes);
    const hash = store.getLeafHash(0);
    hash.fill(0);
    expect(bytesToHex(store.getLeafHash(0))).toBe(bytesToHex(leaves(1)[0]));
  });
});
