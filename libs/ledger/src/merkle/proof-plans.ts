import { emptyTreeHash, hashChildren } from './hashing';
import type { ConsistencyProof, InclusionProof } from './proofs';
import { alignedPieces, isTreeSize, largestPowerOfTwoBelow, nodeKey, type NodeCoordinate } from './subtrees';

/**
 * Proofs in two pure steps so any store can serve them with one batched read:
 *   1. `nodesNeededFor*` lists the complete aligned subtrees whose hashes are required
 *      (O(log n) of them);
 *   2. `assemble*` computes the root / proof from those hashes (as a map keyed by `nodeKey`).
 * A store in between just fetches the list, e.g. `WHERE (level, index) IN (...)`.
 *
 * Each proof element is the hash of one node [start, end) of the RFC 9162 tree. All of them are
 * complete aligned subtrees except at most one on the right edge of the tree, which is folded from
 * its aligned pieces.
 */

export type NodeHashes = ReadonlyMap<string, Uint8Array>;

interface Range {
  readonly start: number;
  readonly end: number;
}

/** Pairs the coordinates asked for with the hashes a store returned in the same order. */
export function toNodeHashMap(nodes: readonly NodeCoordinate[], hashes: readonly Uint8Array[]): Map<string, Uint8Array> {
  if (nodes.length !== hashes.length) throw new RangeError(`expected ${nodes.length} node hashes, got ${hashes.length}`);
  const map = new Map<string, Uint8Array>();
  nodes.forEach((node, i) => map.set(nodeKey(node), hashes[i]));
  return map;
}

function requireSize(value: number, name: string): void {
  if (!isTreeSize(value)) throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as the list of sibling ranges, leaf to root. */
function inclusionRanges(index: number, size: number): Range[] {
  requireSize(index, 'leaf index');
  requireSize(size, 'tree size');
  if (index >= size) throw new RangeError(`leaf index ${index} is not below tree size ${size}`);
  const rootToLeaf: Range[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (index < start + k) {
      rootToLeaf.push({ start: start + k, end });
      end = start + k;
    } else {
      rootToLeaf.push({ start, end: start + k });
      start += k;
    }
  }
  return rootToLeaf.reverse();
}

/**
 * RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], true) as a list of ranges, in proof order. Sizes 0 and
 * m == n give the empty proof (every tree extends the empty tree and itself).
 */
function consistencyRanges(first: number, second: number): Range[] {
  requireSize(first, 'first tree size');
  requireSize(second, 'second tree size');
  if (first > second) throw new RangeError(`first tree size ${first} is larger than second tree size ${second}`);
  if (first === 0 || first === second) return [];
  const rootDown: Range[] = [];
  let start = 0;
  let end = second;
  let firstIsWholeSubtree = true; // the `b` flag: the old root itself needs no proof element
  while (first !== end) {
    const k = largestPowerOfTwoBelow(end - start);
    if (first <= start + k) {
      rootDown.push({ start: start + k, end });
      end = start + k;
    } else {
      rootDown.push({ start, end: start + k });
      start += k;
      firstIsWholeSubtree = false;
    }
  }
  if (!firstIsWholeSubtree) rootDown.push({ start, end });
  return rootDown.reverse();
}

function nodesOf(ranges: readonly Range[]): NodeCoordinate[] {
  return ranges.flatMap((range) => alignedPieces(range.start, range.end));
}

function hashOfRange(range: Range, hashes: NodeHashes): Uint8Array {
  const pieces = alignedPieces(range.start, range.end).map((node) => {
    const hash = hashes.get(nodeKey(node));
    if (!hash) throw new RangeError(`missing hash of node level ${node.level} index ${node.index}`);
    return hash;
  });
  let hash = pieces[pieces.length - 1];
  for (let i = pieces.length - 2; i >= 0; i--) hash = hashChildren(pieces[i], hash);
  return hash;
}

/** The aligned subtrees whose hashes give the root of the tree of `size` leaves (one per set bit of size). */
export function nodesNeededForRoot(size: number): NodeCoordinate[] {
  requireSize(size, 'tree size');
  return alignedPieces(0, size);
}

export function nodesNeededForInclusion(leafIndex: number, treeSize: number): NodeCoordinate[] {
  return nodesOf(inclusionRanges(leafIndex, treeSize));
}

export function nodesNeededForConsistency(firstSize: number, secondSize: number): NodeCoordinate[] {
  return nodesOf(consistencyRanges(firstSize, secondSize));
}

/** RFC 9162 §2.1.1 MTH of the first `size` leaves. */
export function assembleRoot(size: number, hashes: NodeHashes): Uint8Array {
  requireSize(size, 'tree size');
  return size === 0 ? emptyTreeHash() : hashOfRange({ start: 0, end: size }, hashes);
}

export function assembleInclusionProof(leafIndex: number, treeSize: number, hashes: NodeHashes): InclusionProof {
  const inclusionPath = inclusionRanges(leafIndex, treeSize).map((range) => hashOfRange(range, hashes));
  return { leafIndex, treeSize, inclusionPath };
}

export function assembleConsistencyProof(firstSize: number, secondSize: number, hashes: NodeHashes): ConsistencyProof {
  const consistencyPath = consistencyRanges(firstSize, secondSize).map((range) => hashOfRange(range, hashes));
  return { firstSize, secondSize, consistencyPath };
}

/** Expected number of inclusion path elements; lets verifiers reject wrong lengths with a clear reason. */
export function inclusionPathLength(leafIndex: number, treeSize: number): number {
  return inclusionRanges(leafIndex, treeSize).length;
}

export function consistencyPathLength(firstSize: number, secondSize: number): number {
  return consistencyRanges(firstSize, secondSize).length;
}
