import { appendLeafHashes, frontierFromHashes, type Frontier, type StoredNode } from './appender';
import { HASH_SIZE } from './hashing';
import {
  assembleConsistencyProof,
  assembleInclusionProof,
  assembleRoot,
  nodesNeededForConsistency,
  nodesNeededForInclusion,
  nodesNeededForRoot,
  toNodeHashMap,
} from './proof-plans';
import type { ConsistencyProof, InclusionProof } from './proofs';
import type { NodeCoordinate } from './subtrees';

export type MaybePromise<T> = T | Promise<T>;

/**
 * Read side of a Merkle log's storage. It only holds complete aligned subtrees (see subtrees.ts),
 * which never change once written. One call = one batch (one SQL query for a DB store).
 */
export interface NodeReader {
  /** Hashes of the given nodes, in the same order. Must throw if any of them is not stored. */
  getNodes(nodes: readonly NodeCoordinate[]): MaybePromise<readonly Uint8Array[]>;
}

/** Write side: persists what `appendLeafHashes` returned. Writes are idempotent per (level, index). */
export interface NodeWriter {
  putNodes(nodes: readonly StoredNode[]): MaybePromise<void>;
}

export type NodeStore = NodeReader & NodeWriter;

/** Root of the first `treeSize` leaves: one batched read of at most log2(n) + 1 nodes. */
export async function rootFromStore(store: NodeReader, treeSize: number): Promise<Uint8Array> {
  const nodes = nodesNeededForRoot(treeSize);
  return assembleRoot(treeSize, toNodeHashMap(nodes, await store.getNodes(nodes)));
}

/** Inclusion proof for `leafIndex` in the tree of `treeSize` leaves: one batched read of O(log n) nodes. */
export async function inclusionProofFromStore(store: NodeReader, leafIndex: number, treeSize: number): Promise<InclusionProof> {
  const nodes = nodesNeededForInclusion(leafIndex, treeSize);
  return assembleInclusionProof(leafIndex, treeSize, toNodeHashMap(nodes, await store.getNodes(nodes)));
}

/** Consistency proof between two tree sizes: one batched read of O(log n) nodes. */
export async function consistencyProofFromStore(store: NodeReader, firstSize: number, secondSize: number): Promise<ConsistencyProof> {
  const nodes = nodesNeededForConsistency(firstSize, secondSize);
  return assembleConsistencyProof(firstSize, secondSize, toNodeHashMap(nodes, await store.getNodes(nodes)));
}

/** The appender state of a stored tree, e.g. after a restart. */
export async function frontierFromStore(store: NodeReader, treeSize: number): Promise<Frontier> {
  const nodes = nodesNeededForRoot(treeSize);
  return frontierFromHashes(treeSize, await store.getNodes(nodes));
}

export interface InMemoryNodeStore extends NodeStore {
  getNodes(nodes: readonly NodeCoordinate[]): Uint8Array[];
  putNodes(nodes: readonly StoredNode[]): void;
  /** Number of leaves stored. */
  leafCount(): number;
  getLeafHash(index: number): Uint8Array;
  getSubtreeHash(level: number, index: number): Uint8Array;
}

interface LevelBuffer {
  bytes: Uint8Array;
  count: number;
}

/**
 * Node store in memory: one growable byte buffer per level, so a million leaves cost ~64 MB of
 * hashes rather than two million small objects. Nodes must arrive in index order per level (as
 * the appender produces them); re-putting an identical node is a no-op, a different hash throws.
 */
export function createInMemoryNodeStore(): InMemoryNodeStore {
  const levels: LevelBuffer[] = [];

  function read(level: number, index: number): Uint8Array {
    const buffer = levels[level];
    if (!buffer || !Number.isSafeInteger(index) || index < 0 || index >= buffer.count) {
      throw new RangeError(`node level ${level} index ${index} is not stored`);
    }
    return buffer.bytes.slice(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  function write(node: StoredNode): void {
    if (node.hash.length !== HASH_SIZE) throw new TypeError(`node level ${node.level} index ${node.index}: hash is not ${HASH_SIZE} bytes`);
    while (levels.length <= node.level) levels.push({ bytes: new Uint8Array(1024 * HASH_SIZE), count: 0 });
    const buffer = levels[node.level];
    if (node.index < buffer.count) {
      const stored = read(node.level, node.index);
      if (!stored.every((byte, i) => byte === node.hash[i])) {
        throw new Error(`node level ${node.level} index ${node.index} is already stored with a different hash`);
      }
      return;
    }
    if (node.index !== buffer.count) throw new RangeError(`node level ${node.level} index ${node.index} skips index ${buffer.count}`);
    if ((buffer.count + 1) * HASH_SIZE > buffer.bytes.length) {
      const grown = new Uint8Array(buffer.bytes.length * 2);
      grown.set(buffer.bytes);
      buffer.bytes = grown;
    }
    buffer.bytes.set(node.hash, node.index * HASH_SIZE);
    buffer.count++;
  }

  return {
    getNodes: (nodes) => nodes.map((node) => read(node.level, node.index)),
    putNodes: (nodes) => nodes.forEach(write),
    leafCount: () => levels[0]?.count ?? 0,
    getLeafHash: (index) => read(0, index),
    getSubtreeHash: read,
  };
}

/** Appends a batch to a store and returns the new frontier (the write path of a log, store-agnostic). */
export async function appendToStore(store: NodeWriter, frontier: Frontier, leafHashes: readonly Uint8Array[]): Promise<Frontier> {
  const { frontier: next, newNodes } = appendLeafHashes(frontier, leafHashes);
  await store.putNodes(newNodes);
  return next;
}
