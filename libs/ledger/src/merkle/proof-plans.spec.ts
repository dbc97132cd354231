import { describe, expect, it } from 'vitest';
import { hashLeaf } from './hashing';
import {
  assembleInclusionProof,
  assembleRoot,
  nodesNeededForConsistency,
  nodesNeededForInclusion,
  nodesNeededForRoot,
  toNodeHashMap,
} from './proof-plans';
import { alignedPieces, largestPowerOfTwoBelow, nodeKey, type NodeCoordinate } from './subtrees';

const sortedKeys = (nodes: readonly NodeCoordinate[]) => nodes.map(nodeKey).sort();
const ids = (...pairs: Array<[number, number]>) => pairs.map(([level, index]) => `${level}:${index}`).sort();

describe('node plans', () => {
  it('splits at the largest power of two strictly below n', () => {
    expect([2, 3, 4, 5, 8, 9, 1000, 1024, 1025].map(largestPowerOfTwoBelow)).toEqual([1, 2, 2, 4, 4, 8, 512, 512, 1024]);
    expect(largestPowerOfTwoBelow(2 ** 53 - 1)).toBe(2 ** 52);
  });

  it('decomposes a right-edge range into complete aligned subtrees, largest first', () => {
    expect(alignedPieces(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(alignedPieces(8, 11)).toEqual([
      { level: 1, index: 4 },
      { level: 0, index: 10 },
    ]);
    expect(alignedPieces(0, 0)).toEqual([]);
    expect(nodesNeededForRoot(2 ** 53 - 1)).toHaveLength(53);
  });

  // Node sets published in transparency-dev/merkle proof/proof_test.go (TestInclusion, TestConsistency):
  // the same complete subtrees, with the right-edge one "rehashed" from its pieces.
  it('needs the same nodes as the transparency-dev reference for inclusion proofs', () => {
    expect(sortedKeys(nodesNeededForInclusion(0, 7))).toEqual(ids([0, 1], [1, 1], [0, 6], [1, 2]));
    expect(sortedKeys(nodesNeededForInclusion(4, 7))).toEqual(ids([0, 5], [0, 6], [2, 0]));
    expect(sortedKeys(nodesNeededForInclusion(6, 7))).toEqual(ids([1, 2], [2, 0]));
    expect(sortedKeys(nodesNeededForInclusion(3, 5))).toEqual(ids([0, 2], [1, 0], [0, 4]));
    expect(sortedKeys(nodesNeededForInclusion(10, 15))).toEqual(ids([0, 11], [1, 4], [0, 14], [1, 6], [3, 0]));
    expect(sortedKeys(nodesNeededForInclusion(24, 31))).toEqual(ids([0, 25], [1, 13], [0, 30], [1, 14], [3, 2], [4, 0]));
    expect(sortedKeys(nodesNeededForInclusion(81, 95))).toEqual(ids([0, 80], [1, 41], [2, 21], [0, 94], [1, 46], [2, 22], [4, 4], [6, 0]));
    expect(nodesNeededForInclusion(0, 1)).toEqual([]);
  });

  it('needs the same nodes as the transparency-dev reference for consistency proofs', () => {
    expect(sortedKeys(nodesNeededForConsistency(1, 6))).toEqual(ids([0, 1], [1, 1], [1, 2]));
    expect(sortedKeys(nodesNeededForConsistency(2, 8))).toEqual(ids([1, 1], [2, 1]));
    expect(sortedKeys(nodesNeededForConsistency(3, 7))).toEqual(ids([0, 2], [0, 3], [1, 0], [0, 6], [1, 2]));
    expect(sortedKeys(nodesNeededForConsistency(4, 7))).toEqual(ids([0, 6], [1, 2]));
    expect(sortedKeys(nodesNeededForConsistency(5, 7))).toEqual(ids([0, 4], [0, 5], [0, 6], [2, 0]));
    expect(sortedKeys(nodesNeededForConsistency(7, 8))).toEqual(ids([0, 6], [0, 7], [1, 2], [2, 0]));
    expect(sortedKeys(nodesNeededForConsistency(10, 15))).toEqual(ids([1, 4], [1, 5], [0, 14], [1, 6], [3, 0]));
    expect(sortedKeys(nodesNeededForConsistency(24, 31))).toEqual(ids([3, 2], [0, 30], [1, 14], [2, 6], [4, 0]));
    expect(sortedKeys(nodesNeededForConsistency(81, 95))).toEqual(
      ids([0, 80], [0, 81], [1, 41], [2, 21], [0, 94], [1, 46], [2, 22], [4, 4], [6, 0]),
    );
    expect(nodesNeededForConsistency(5, 5)).toEqual([]);
    expect(nodesNeededForConsistency(0, 5)).toEqual([]);
  });

  it('refuses impossible requests instead of planning nonsense', () => {
    expect(() => nodesNeededForInclusion(7, 7)).toThrow(/leaf index 7 is not below tree size 7/);
    expect(() => nodesNeededForInclusion(-1, 7)).toThrow(/non-negative safe integer/);
    expect(() => nodesNeededForInclusion(0.5, 7)).toThrow(/non-negative safe integer/);
    expect(() => nodesNeededForConsistency(9, 8)).toThrow(/larger than second tree size/);
    expect(() => nodesNeededForRoot(2 ** 53)).toThrow(/non-negative safe integer/);
  });

  it('names the missing node when an assembler is given an incomplete map', () => {
    const nodes = nodesNeededForInclusion(2, 5);
    const hashes = toNodeHashMap(nodes, nodes.map((_, i) => hashLeaf(Uint8Array.of(i))));
    hashes.delete('0:4');
    expect(() => assembleInclusionProof(2, 5, hashes)).toThrow(/missing hash of node level 0 index 4/);
    expect(() => assembleRoot(5, new Map())).toThrow(/missing hash of node level 2 index 0/);
    expect(() => toNodeHashMap(nodes, [])).toThrow(/expected 3 node hashes, got 0/);
  });
});
