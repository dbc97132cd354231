import { isBytes } from '../hex';
import { emptyTreeHash, hashChildren, hashLeaf, HASH_SIZE } from './hashing';
import { alignedPieces, isTreeSize, type NodeCoordinate } from './subtrees';

/**
 * Incremental appends without reading the tree back.
 *
 * The frontier of a tree of `size` leaves is the hashes of `nodesNeededForRoot(size)`: one complete
 * aligned subtree per set bit of `size`, largest first (a "compact range"). It is O(log n) hashes,
 * gives the root directly, and is all that is needed to append. A DB-backed log keeps it in
 * memory (or rebuilds it with one read of `nodesNeededForRoot(size)`), appends a batch, and writes
 * the returned `newNodes` in one transaction.
 */

export interface Frontier {
  readonly size: number;
  /** Hashes of `nodesNeededForRoot(size)`, same order (highest level first). */
  readonly hashes: readonly Uint8Array[];
}

/** A node hash ready to persist: a complete aligned subtree that has just become available. */
export interface StoredNode extends NodeCoordinate {
  readonly hash: Uint8Array;
}

export interface AppendResult {
  readonly frontier: Frontier;
  /** Every node completed by the batch, leaves included, each level in increasing index order. */
  readonly newNodes: readonly StoredNode[];
}

export const EMPTY_FRONTIER: Frontier = Object.freeze({ size: 0, hashes: Object.freeze([]) as readonly Uint8Array[] });

/** Rebuilds a frontier from the hashes of `nodesNeededForRoot(size)`, e.g. as read from a store. */
export function frontierFromHashes(size: number, hashes: readonly Uint8Array[]): Frontier {
  if (!isTreeSize(size)) throw new RangeError(`tree size must be a non-negative safe integer, got ${String(size)}`);
  const expected = alignedPieces(0, size).length;
  if (hashes.length !== expected) throw new RangeError(`a frontier of size ${size} has ${expected} hashes, got ${hashes.length}`);
  return { size, hashes: [...hashes] };
}

/** Working copy of a frontier: parallel stacks, the lowest (right-most) subtree on top. */
interface FrontierStacks {
  levels: number[];
  hashes: Uint8Array[];
  size: number;
}

function openStacks(frontier: Frontier): FrontierStacks {
  const levels = alignedPieces(0, frontier.size).map((node) => node.level);
  if (levels.length !== frontier.hashes.length) throw new RangeError(`a frontier of size ${frontier.size} must have ${levels.length} hashes`);
  return { levels, hashes: [...frontier.hashes], size: frontier.size };
}

/** Adds one leaf; `completed` sees every node that becomes complete (the leaf first, then its new ancestors). */
function pushLeaf(stacks: FrontierStacks, leafHash: Uint8Array, completed?: (node: StoredNode) => void): void {
  if (!isBytes(leafHash) || leafHash.length !== HASH_SIZE) throw new TypeError(`leaf hash ${stacks.size} is not ${HASH_SIZE} bytes`);
  if (stacks.size >= Number.MAX_SAFE_INTEGER) throw new RangeError('tree size would exceed Number.MAX_SAFE_INTEGER');
  const { levels, hashes } = stacks;
  let hash = leafHash;
  let level = 0;
  let index = stacks.size;
  completed?.({ level, index, hash });
  // Two equal-level subtrees side by side merge into their parent, like a carry in binary addition.
  while (levels.length > 0 && levels[levels.length - 1] === level) {
    levels.pop();
    hash = hashChildren(hashes.pop() as Uint8Array, hash);
    level++;
    index = (index - 1) / 2;
    completed?.({ level, index, hash });
  }
  levels.push(level);
  hashes.push(hash);
  stacks.size++;
}

export function appendLeafHashes(frontier: Frontier, leafHashes: readonly Uint8Array[]): AppendResult {
  const stacks = openStacks(frontier);
  const newNodes: StoredNode[] = [];
  const record = (node: StoredNode) => newNodes.push(node);
  for (const leafHash of leafHashes) pushLeaf(stacks, leafHash, record);
  return { frontier: { size: stacks.size, hashes: stacks.hashes }, newNodes };
}

/** Root of a sequence of leaf hashes in O(log n) memory (streams; nothing is stored). */
export function rootOfLeafHashes(leafHashes: Iterable<Uint8Array>): Uint8Array {
  const stacks = openStacks(EMPTY_FRONTIER);
  for (const leafHash of leafHashes) pushLeaf(stacks, leafHash);
  return frontierRoot(stacks);
}

/** RFC 9162 MTH of a list of entries (their leaf hashes computed on the fly). */
export function rootOfEntries(entries: Iterable<Uint8Array>): Uint8Array {
  return rootOfLeafHashes(mapIterable(entries, hashLeaf));
}

function* mapIterable<T, U>(items: Iterable<T>, fn: (item: T) => U): Iterable<U> {
  for (const item of items) yield fn(item);
}

/** The RFC 9162 root of the tree the frontier describes. */
export function frontierRoot(frontier: Frontier): Uint8Array {
  const { hashes } = frontier;
  if (hashes.length === 0) return emptyTreeHash();
  let root = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) root = hashChildren(hashes[i], root);
  return root;
}
