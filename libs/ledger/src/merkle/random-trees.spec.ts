import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../hex';
import { appendLeafHashes, EMPTY_FRONTIER, frontierRoot, rootOfEntries, type Frontier } from './appender';
import { emptyTreeHash, hashChildren, hashLeaf } from './hashing';
import { consistencyProofFromStore, createInMemoryNodeStore, frontierFromStore, inclusionProofFromStore, rootFromStore } from './node-store';
import { nodesNeededForConsistency, nodesNeededForInclusion, nodesNeededForRoot } from './proof-plans';
import { verifyConsistency, verifyInclusion } from './verify';

// Naive recursive RFC 9162 §2.1 definitions, transcribed literally, as the oracle.
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function naiveMth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return emptyTreeHash();
  if (d.length === 1) return hashLeaf(d[0]);
  const k = split(d.length);
  return hashChildren(naiveMth(d.slice(0, k)), naiveMth(d.slice(k)));
}

function naivePath(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length === 1) return [];
  const k = split(d.length);
  return m < k ? [...naivePath(m, d.slice(0, k)), naiveMth(d.slice(k))] : [...naivePath(m - k, d.slice(k)), naiveMth(d.slice(0, k))];
}

function naiveSubproof(m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  const n = d.length;
  if (m === n) return b ? [] : [naiveMth(d)];
  const k = split(n);
  return m <= k
    ? [...naiveSubproof(m, d.slice(0, k), b), naiveMth(d.slice(k))]
    : [...naiveSubproof(m - k, d.slice(k), false), naiveMth(d.slice(0, k))];
}

const naiveProof = (m: number, d: Uint8Array[]) => naiveSubproof(m, d, true);

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomEntries(count: number, random: () => number): Uint8Array[] {
  return Array.from({ length: count }, () => Uint8Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256)));
}

const hex = (hashes: readonly Uint8Array[]) => hashes.map(bytesToHex);

describe('random trees against the naive RFC 9162 recursion', () => {
  const random = prng(0x9162);
  const entries = randomEntries(300, random);
  const store = createInMemoryNodeStore();
  // Appended in irregular batches so batch boundaries land everywhere.
  let frontier: Frontier = EMPTY_FRONTIER;
  const rootsAfterEachAppend: string[] = [];
  while (frontier.size < entries.length) {
    const batch = entries.slice(frontier.size, frontier.size + 1 + Math.floor(random() * 7));
    const result = appendLeafHashes(frontier, batch.map(hashLeaf));
    store.putNodes(result.newNodes);
    frontier = result.frontier;
    rootsAfterEachAppend[frontier.size] = bytesToHex(frontierRoot(frontier));
  }

  it('computes the same root as the naive recursion for every size up to 300, from the store and the appender', async () => {
    for (let size = 0; size <= entries.length; size++) {
      const expected = bytesToHex(naiveMth(entries.slice(0, size)));
      expect(bytesToHex(await rootFromStore(store, size)), `size ${size}`).toBe(expected);
      expect(bytesToHex(rootOfEntries(entries.slice(0, size))), `size ${size}`).toBe(expected);
      if (rootsAfterEachAppend[size] !== undefined) expect(rootsAfterEachAppend[size]).toBe(expected);
    }
  });

  it('rebuilds the appender frontier from the store at any size', async () => {
    for (const size of [0, 1, 2, 3, 7, 8, 9, 100, 255, 256, 257, 300]) {
      const rebuilt = await frontierFromStore(store, size);
      expect(bytesToHex(frontierRoot(rebuilt))).toBe(bytesToHex(naiveMth(entries.slice(0, size))));
    }
  });

  it('produces every inclusion proof of several tree sizes exactly as the naive recursion, and they verify', async () => {
    for (const size of [1, 2, 3, 5, 8, 13, 64, 100, 127, 129, 255, 256, 257, 300]) {
      const prefix = entries.slice(0, size);
      const root = naiveMth(prefix);
      for (let index = 0; index < size; index++) {
        const proof = await inclusionProofFromStore(store, index, size);
        expect(hex(proof.inclusionPath), `leaf ${index} of ${size}`).toEqual(hex(naivePath(index, prefix)));
        expect(verifyInclusion(proof, { entry: entries[index] }, { treeSize: size, rootHash: root })).toEqual({ ok: true });
      }
    }
  });

  it('produces consistency proofs for many (m, n) pairs exactly as the naive recursion, and they verify', async () => {
    const pairs: Array<[number, number]> = [];
    for (let n = 1; n <= 40; n++) for (let m = 0; m <= n; m++) pairs.push([m, n]);
    for (let i = 0; i < 400; i++) {
      const n = 1 + Math.floor(random() * entries.length);
      pairs.push([Math.floor(random() * (n + 1)), n]);
    }
    for (const [m, n] of pairs) {
      const proof = await consistencyProofFromStore(store, m, n);
      const expected = m === 0 ? [] : naiveProof(m, entries.slice(0, n));
      expect(hex(proof.consistencyPath), `${m} -> ${n}`).toEqual(hex(expected));
      const result = verifyConsistency(
        proof,
        { treeSize: m, rootHash: naiveMth(entries.slice(0, m)) },
        { treeSize: n, rootHash: naiveMth(entries.slice(0, n)) },
      );
      expect(result, `${m} -> ${n}`).toEqual({ ok: true });
    }
  });

  it('reads O(log n) nodes: at most 2 * log2(n) + 2 for any proof and log2(n) + 1 for a root', () => {
    for (let n = 1; n <= 1100; n++) {
      const bound = 2 * Math.ceil(Math.log2(n)) + 2;
      expect(nodesNeededForRoot(n).length).toBeLessThanOrEqual(Math.floor(Math.log2(n)) + 1);
      for (const index of [0, Math.floor(n / 3), n - 1]) expect(nodesNeededForInclusion(index, n).length).toBeLessThanOrEqual(bound);
      for (const m of [1, Math.floor(n / 2), n - 1]) if (m > 0) expect(nodesNeededForConsistency(m, n).length).toBeLessThanOrEqual(bound);
    }
    expect(nodesNeededForInclusion(123_456_789, 2 ** 52 + 12_345).length).toBeLessThanOrEqual(2 * 53 + 2);
  });
});
