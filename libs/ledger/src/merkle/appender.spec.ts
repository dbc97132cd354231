import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../hex';
import { appendLeafHashes, EMPTY_FRONTIER, frontierFromHashes, frontierRoot, rootOfEntries, rootOfLeafHashes } from './appender';
import { hashChildren, hashLeaf } from './hashing';
import { nodesNeededForRoot } from './proof-plans';
import { nodeKey } from './subtrees';

const leaf = (i: number) => hashLeaf(Uint8Array.of(i));

describe('incremental appender', () => {
  it('reports each leaf and every subtree it completes, bottom-up', () => {
    const { newNodes } = appendLeafHashes(EMPTY_FRONTIER, [0, 1, 2, 3].map(leaf));
    expect(newNodes.map(nodeKey)).toEqual(['0:0', '0:1', '1:0', '0:2', '0:3', '1:1', '2:0']);
    expect(bytesToHex(newNodes[2].hash)).toBe(bytesToHex(hashChildren(leaf(0), leaf(1))));
    expect(bytesToHex(newNodes[6].hash)).toBe(bytesToHex(hashChildren(newNodes[2].hash, newNodes[5].hash)));
  });

  it('produces the same nodes whether leaves arrive one by one or in one batch', () => {
    const leaves = Array.from({ length: 37 }, (_, i) => leaf(i));
    const batch = appendLeafHashes(EMPTY_FRONTIER, leaves);
    let frontier = EMPTY_FRONTIER;
    const oneByOne: string[] = [];
    for (const hash of leaves) {
      const result = appendLeafHashes(frontier, [hash]);
      frontier = result.frontier;
      oneByOne.push(...result.newNodes.map((node) => `${nodeKey(node)}=${bytesToHex(node.hash)}`));
    }
    expect(oneByOne).toEqual(batch.newNodes.map((node) => `${nodeKey(node)}=${bytesToHex(node.hash)}`));
    expect(bytesToHex(frontierRoot(frontier))).toBe(bytesToHex(frontierRoot(batch.frontier)));
    // A tree of n leaves has 2n - popcount(n) complete aligned subtrees.
    expect(batch.newNodes).toHaveLength(2 * 37 - 3);
  });

  it('keeps one frontier hash per set bit of the size, matching nodesNeededForRoot', () => {
    const { frontier } = appendLeafHashes(EMPTY_FRONTIER, Array.from({ length: 13 }, (_, i) => leaf(i)));
    expect(frontier.size).toBe(13);
    expect(frontier.hashes).toHaveLength(nodesNeededForRoot(13).length);
    expect(frontier.hashes).toHaveLength(3);
  });

  it('does not modify the frontier it was given', () => {
    const first = appendLeafHashes(EMPTY_FRONTIER, [leaf(0)]).frontier;
    appendLeafHashes(first, [leaf(1), leaf(2)]);
    expect(first.size).toBe(1);
    expect(first.hashes).toHaveLength(1);
    expect(EMPTY_FRONTIER.size).toBe(0);
  });

  it('streams roots of entries and leaf hashes in constant memory', () => {
    const entries = Array.from({ length: 5 }, (_, i) => Uint8Array.of(i));
    expect(bytesToHex(rootOfEntries(entries))).toBe(bytesToHex(rootOfLeafHashes(entries.map(hashLeaf))));
    expect(bytesToHex(rootOfEntries(new Set(entries)))).toBe(bytesToHex(rootOfEntries(entries)));
  });

  it('rejects leaf hashes that are not 32 bytes and frontiers of the wrong shape', () => {
    expect(() => appendLeafHashes(EMPTY_FRONTIER, [new Uint8Array(31)])).toThrow(/leaf hash 0 is not 32 bytes/);
    expect(() => frontierFromHashes(3, [leaf(0)])).toThrow(/a frontier of size 3 has 2 hashes, got 1/);
    expect(() => appendLeafHashes({ size: 2, hashes: [] }, [leaf(0)])).toThrow(/must have 1 hashes/);
  });
});
