import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../hex';
import type { VerificationResult } from '../verification-result';
import { appendLeafHashes, EMPTY_FRONTIER, frontierRoot } from './appender';
import { emptyTreeHash, hashLeaf } from './hashing';
import { assembleConsistencyProof, assembleInclusionProof, nodesNeededForConsistency, nodesNeededForInclusion, toNodeHashMap } from './proof-plans';
import { createInMemoryNodeStore } from './node-store';
import { inclusionProofToJson, consistencyProofToJson, type ConsistencyProof, type InclusionProof } from './proofs';
import { verifyConsistency, verifyInclusion } from './verify';

const entries = Array.from({ length: 21 }, (_, i) => new TextEncoder().encode(`entry ${i}`));
const store = createInMemoryNodeStore();
const roots: Uint8Array[] = [emptyTreeHash()];
let frontier = EMPTY_FRONTIER;
for (const entry of entries) {
  const result = appendLeafHashes(frontier, [hashLeaf(entry)]);
  store.putNodes(result.newNodes);
  frontier = result.frontier;
  roots.push(frontierRoot(frontier));
}

function inclusion(index: number, size: number): InclusionProof {
  const nodes = nodesNeededForInclusion(index, size);
  return assembleInclusionProof(index, size, toNodeHashMap(nodes, store.getNodes(nodes)));
}

function consistency(m: number, n: number): ConsistencyProof {
  const nodes = nodesNeededForConsistency(m, n);
  return assembleConsistencyProof(m, n, toNodeHashMap(nodes, store.getNodes(nodes)));
}

const head = (size: number) => ({ treeSize: size, rootHash: roots[size] });
const flipBit = (hash: Uint8Array, bit = 0) => {
  const copy = hash.slice();
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
};

function expectRejected(result: VerificationResult, reason: RegExp): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(reason);
}

describe('verifyInclusion', () => {
  const proof = inclusion(5, 13);
  const leaf = { entry: entries[5] };

  it('accepts a genuine proof given the entry, the leaf hash or the hex JSON form', () => {
    expect(verifyInclusion(proof, leaf, head(13))).toEqual({ ok: true });
    expect(verifyInclusion(proof, { leafHash: hashLeaf(entries[5]) }, head(13))).toEqual({ ok: true });
    expect(verifyInclusion(inclusionProofToJson(proof), { leafHash: bytesToHex(hashLeaf(entries[5])) }, { treeSize: 13, rootHash: bytesToHex(roots[13]) })).toEqual({ ok: true });
  });

  it('rejects an inclusion proof whose sibling was flipped', () => {
    for (let i = 0; i < proof.inclusionPath.length; i++) {
      for (const bit of [0, 100, 255]) {
        const path = proof.inclusionPath.map((hash, j) => (j === i ? flipBit(hash, bit) : hash));
        expectRejected(verifyInclusion({ ...proof, inclusionPath: path }, leaf, head(13)), /root mismatch/);
      }
    }
  });

  it('rejects a proof checked against a tree head of another size', () => {
    expectRejected(verifyInclusion(proof, leaf, head(14)), /proof is for tree size 13 but the tree head has size 14/);
    expectRejected(verifyInclusion({ ...proof, treeSize: 14 }, leaf, head(14)), /path has|root mismatch/);
    expectRejected(verifyInclusion({ ...proof, treeSize: 12 }, leaf, head(12)), /root mismatch/);
  });

  it('rejects a proof presented for another leaf index or another entry', () => {
    for (const leafIndex of [4, 6, 7, 0, 12]) expectRejected(verifyInclusion({ ...proof, leafIndex }, leaf, head(13)), /root mismatch|path has/);
    expectRejected(verifyInclusion(proof, { entry: entries[6] }, head(13)), /root mismatch/);
    expectRejected(verifyInclusion(proof, { entry: new TextEncoder().encode('entry 5 ') }, head(13)), /root mismatch/);
  });

  it('rejects a leaf index at or beyond the tree size', () => {
    expectRejected(verifyInclusion({ ...proof, leafIndex: 13 }, leaf, head(13)), /leaf index 13 is not below tree size 13/);
    expectRejected(verifyInclusion({ leafIndex: 0, treeSize: 0, inclusionPath: [] }, leaf, head(0)), /not below tree size 0/);
  });

  it('rejects truncated or over-long hashes in the path, the leaf hash and the root', () => {
    const truncated = proof.inclusionPath.map((hash, j) => (j === 1 ? hash.slice(0, 31) : hash));
    expectRejected(verifyInclusion({ ...proof, inclusionPath: truncated }, leaf, head(13)), /inclusion path\[1\] must be a 32-byte hash, got 31 bytes/);
    const longHex = inclusionProofToJson(proof).inclusionPath.map((hash, j) => (j === 0 ? `${hash}00` : hash));
    expectRejected(verifyInclusion({ ...proof, inclusionPath: longHex }, leaf, head(13)), /inclusion path\[0\] must be a 32-byte hash/);
    expectRejected(verifyInclusion(proof, { leafHash: hashLeaf(entries[5]).slice(1) }, head(13)), /leaf hash must be a 32-byte hash/);
    expectRejected(verifyInclusion(proof, leaf, { treeSize: 13, rootHash: roots[13].slice(0, 16) }), /root hash must be a 32-byte hash/);
  });

  it('rejects an extra, a missing or a duplicated path element', () => {
    const path = proof.inclusionPath;
    expectRejected(verifyInclusion({ ...proof, inclusionPath: [...path, roots[13]] }, leaf, head(13)), /has 5 hashes but leaf 5 of a tree of size 13 needs 4/);
    expectRejected(verifyInclusion({ ...proof, inclusionPath: [roots[13], ...path] }, leaf, head(13)), /has 5 hashes/);
    expectRejected(verifyInclusion({ ...proof, inclusionPath: path.slice(0, -1) }, leaf, head(13)), /has 3 hashes/);
    expectRejected(verifyInclusion({ ...proof, inclusionPath: [path[0], ...path.slice(0, -1)] }, leaf, head(13)), /root mismatch/);
  });

  it('rejects a path whose elements were swapped', () => {
    const swapped = [proof.inclusionPath[1], proof.inclusionPath[0], ...proof.inclusionPath.slice(2)];
    expectRejected(verifyInclusion({ ...proof, inclusionPath: swapped }, leaf, head(13)), /root mismatch/);
    expectRejected(verifyInclusion({ ...proof, inclusionPath: [...proof.inclusionPath].reverse() }, leaf, head(13)), /root mismatch/);
  });

  it('rejects a single-leaf proof unless the leaf hash is the root', () => {
    expect(verifyInclusion(inclusion(0, 1), { entry: entries[0] }, head(1))).toEqual({ ok: true });
    expectRejected(verifyInclusion(inclusion(0, 1), { entry: entries[1] }, head(1)), /root mismatch/);
  });

  it('returns reasons instead of throwing on hostile input', () => {
    const hostile: Array<[unknown, unknown, unknown, RegExp]> = [
      [null, leaf, head(13), /inclusion proof must be an object, got null/],
      ['proof', leaf, head(13), /inclusion proof must be an object, got string/],
      [[1, 2], leaf, head(13), /got an array/],
      [{ ...proof, leafIndex: -1 }, leaf, head(13), /leaf index must be a non-negative safe integer, got -1/],
      [{ ...proof, leafIndex: 1.5 }, leaf, head(13), /got 1.5/],
      [{ ...proof, leafIndex: Number.NaN }, leaf, head(13), /got NaN/],
      [{ ...proof, leafIndex: 2 ** 53 }, leaf, head(13), /got 9007199254740992/],
      [{ ...proof, leafIndex: '5' }, leaf, head(13), /got string/],
      [{ ...proof, leafIndex: 5n }, leaf, head(13), /got bigint/],
      [{ ...proof, treeSize: Infinity }, leaf, head(13), /proof tree size must be a non-negative safe integer, got Infinity/],
      [{ ...proof, treeSize: 2 ** 60 }, leaf, { treeSize: 2 ** 60, rootHash: roots[13] }, /non-negative safe integer/],
      [{ leafIndex: 2 ** 53 - 2, treeSize: 2 ** 53 - 1, inclusionPath: [] }, leaf, { treeSize: 2 ** 53 - 1, rootHash: roots[13] }, /has 0 hashes but .* needs 52/],
      [{ leafIndex: 2 ** 53 - 2, treeSize: 2 ** 53 - 1, inclusionPath: new Array(52).fill(roots[1]) }, leaf, { treeSize: 2 ** 53 - 1, rootHash: roots[13] }, /root mismatch/],
      [{ ...proof, inclusionPath: 'abc' }, leaf, head(13), /inclusion path must be an array of hashes, got string/],
      [{ ...proof, inclusionPath: new Array(1_000_000).fill('00') }, leaf, head(13), /has 1000000 hashes/],
      [{ ...proof, inclusionPath: [null, 1, 2, 3] }, leaf, head(13), /inclusion path\[0\] must be a 32-byte hash \(bytes or hex\), got null/],
      [inclusionProofToJson({ ...proof }), leaf, head(13), /^$/],
      [{ ...inclusionProofToJson(proof), inclusionPath: ['zz'.repeat(32), 'a', 'b', 'c'] }, leaf, head(13), /invalid hex digit 'z' at position 0/],
      [{ ...inclusionProofToJson(proof), inclusionPath: ['0x' + 'a'.repeat(62), 'a', 'b', 'c'] }, leaf, head(13), /invalid hex digit 'x'/],
      [proof, null, head(13), /leaf must be \{ entry \} or \{ leafHash \}/],
      [proof, {}, head(13), /exactly one of entry or leafHash/],
      [proof, { entry: entries[5], leafHash: hashLeaf(entries[5]) }, head(13), /exactly one/],
      [proof, { entry: 'entry 5' }, head(13), /leaf entry must be bytes \(Uint8Array\), got string/],
      [proof, leaf, undefined, /tree head must be an object, got undefined/],
      [proof, leaf, { treeSize: 13, rootHash: 'not hex' }, /root hash must be a 32-byte hash/],
      [proof, leaf, { treeSize: 13, rootHash: 42 }, /got number/],
    ];
    const throwingGetter = Object.defineProperty({ treeSize: 13, inclusionPath: [] }, 'leafIndex', {
      get() {
        throw new Error('boom');
      },
    });
    hostile.push([throwingGetter, leaf, head(13), /malformed input: boom/]);
    for (const [badProof, badLeaf, badHead, reason] of hostile) {
      const result = verifyInclusion(badProof as InclusionProof, badLeaf as { entry: Uint8Array }, badHead as { treeSize: number; rootHash: Uint8Array });
      if (reason.source === '^$') expect(result).toEqual({ ok: true });
      else expectRejected(result, reason);
    }
  });
});

describe('verifyConsistency', () => {
  const proof = consistency(6, 13);

  it('accepts a genuine proof in byte and hex JSON form', () => {
    expect(verifyConsistency(proof, head(6), head(13))).toEqual({ ok: true });
    const json = (size: number) => ({ treeSize: size, rootHash: bytesToHex(roots[size]) });
    expect(verifyConsistency(consistencyProofToJson(proof), json(6), json(13))).toEqual({ ok: true });
  });

  it('rejects a consistency proof with a flipped bit in any element', () => {
    for (let i = 0; i < proof.consistencyPath.length; i++) {
      const path = proof.consistencyPath.map((hash, j) => (j === i ? flipBit(hash, 4) : hash));
      expectRejected(verifyConsistency({ ...proof, consistencyPath: path }, head(6), head(13)), /root mismatch/);
    }
  });

  it('rejects swapped, wrong or mismatched tree heads', () => {
    expectRejected(verifyConsistency(proof, head(13), head(6)), /proof starts at tree size 6 but the first tree head has size 13/);
    expectRejected(verifyConsistency(proof, { treeSize: 6, rootHash: roots[7] }, head(13)), /first tree head's root/);
    expectRejected(verifyConsistency(proof, head(6), { treeSize: 13, rootHash: roots[12] }), /second tree head's root/);
    expectRejected(verifyConsistency({ ...proof, secondSize: 14 }, head(6), head(14)), /root mismatch|has \d+ hashes/);
    expectRejected(verifyConsistency({ ...proof, firstSize: 5 }, head(5), head(13)), /root mismatch|has \d+ hashes/);
    expectRejected(verifyConsistency({ firstSize: 13, secondSize: 6, consistencyPath: [] }, head(13), head(6)), /first tree size 13 is larger than second tree size 6/);
  });

  it('rejects an extra, a missing or a reordered path element', () => {
    const path = proof.consistencyPath;
    expectRejected(verifyConsistency({ ...proof, consistencyPath: [...path, path[0]] }, head(6), head(13)), /has \d+ hashes but a proof from size 6 to size 13 needs \d+/);
    expectRejected(verifyConsistency({ ...proof, consistencyPath: path.slice(1) }, head(6), head(13)), /has \d+ hashes/);
    expectRejected(verifyConsistency({ ...proof, consistencyPath: [] }, head(6), head(13)), /has 0 hashes/);
    expectRejected(verifyConsistency({ ...proof, consistencyPath: [...path].reverse() }, head(6), head(13)), /root mismatch/);
  });

  it('accepts the trivial proofs only with an empty path and matching roots', () => {
    expect(verifyConsistency(consistency(13, 13), head(13), head(13))).toEqual({ ok: true });
    expect(verifyConsistency(consistency(0, 13), head(0), head(13))).toEqual({ ok: true });
    expectRejected(verifyConsistency({ firstSize: 13, secondSize: 13, consistencyPath: [] }, head(13), { treeSize: 13, rootHash: roots[12] }), /same size have different roots/);
    expectRejected(verifyConsistency({ firstSize: 0, secondSize: 13, consistencyPath: [] }, { treeSize: 0, rootHash: roots[1] }, head(13)), /size 0 must have the empty-tree root/);
    expectRejected(verifyConsistency({ firstSize: 13, secondSize: 13, consistencyPath: [roots[13]] }, head(13), head(13)), /has 1 hashes but .* needs 0/);
  });

  it('returns reasons instead of throwing on hostile input', () => {
    expectRejected(verifyConsistency(undefined as unknown as ConsistencyProof, head(6), head(13)), /consistency proof must be an object/);
    expectRejected(verifyConsistency({ ...proof, firstSize: -6 }, head(6), head(13)), /proof first size must be a non-negative safe integer, got -6/);
    expectRejected(verifyConsistency({ ...proof, secondSize: 13.5 }, head(6), head(13)), /got 13.5/);
    expectRejected(verifyConsistency({ ...proof, consistencyPath: { length: 3 } as unknown as Uint8Array[] }, head(6), head(13)), /must be an array/);
    expectRejected(verifyConsistency(proof, head(6), { treeSize: 13, rootHash: 'ab' }), /second tree head root hash must be a 32-byte hash/);
    expectRejected(verifyConsistency(proof, 'head' as never, head(13)), /first tree head must be an object/);
  });
});
