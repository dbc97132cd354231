import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../hex';
import { appendLeafHashes, EMPTY_FRONTIER, frontierRoot, rootOfEntries } from './appender';
import { emptyTreeHash, hashLeaf } from './hashing';
import { consistencyProofFromStore, createInMemoryNodeStore, inclusionProofFromStore, rootFromStore } from './node-store';
import { verifyConsistency, verifyInclusion } from './verify';

// Certificate Transparency known-answer vectors, as published in google/certificate-transparency
// cpp/merkletree/merkle_tree_test.cc (kInputs, kSHA256Roots, kSHA256Paths, kSHA256Proofs) and
// transparency-dev/merkle proof/verify_test.go (same data plus the 6 -> 7 consistency proof).
// Both list inclusion proofs by 1-based leaf number; here they are converted to 0-based indexes.
const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];

const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** ROOTS[n - 1] is the root of the tree of the first n inputs. */
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const INCLUSION_PROOFS = [
  { leafIndex: 0, treeSize: 1, path: [] },
  {
    leafIndex: 0,
    treeSize: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    leafIndex: 5,
    treeSize: 8,
    path: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { leafIndex: 2, treeSize: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    leafIndex: 1,
    treeSize: 5,
    path: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

const CONSISTENCY_PROOFS = [
  { firstSize: 1, secondSize: 1, path: [] },
  {
    firstSize: 1,
    secondSize: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    firstSize: 6,
    secondSize: 8,
    path: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    firstSize: 2,
    secondSize: 5,
    path: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    firstSize: 6,
    secondSize: 7,
    path: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const entries = INPUTS.map((hex) => hexToBytes(hex));

function referenceStore() {
  const store = createInMemoryNodeStore();
  store.putNodes(appendLeafHashes(EMPTY_FRONTIER, entries.map(hashLeaf)).newNodes);
  return store;
}

describe('Certificate Transparency reference vectors', () => {
  it('gives SHA-256 of the empty string as the root of the empty tree', () => {
    expect(bytesToHex(emptyTreeHash())).toBe(EMPTY_ROOT);
    expect(bytesToHex(rootOfEntries([]))).toBe(EMPTY_ROOT);
  });

  it('reproduces the published root of every size from 1 to 8', () => {
    for (let size = 1; size <= 8; size++) {
      expect(bytesToHex(rootOfEntries(entries.slice(0, size))), `size ${size}`).toBe(ROOTS[size - 1]);
    }
  });

  it('reproduces every published root from the store and from an incrementally grown frontier', async () => {
    const store = referenceStore();
    let frontier = EMPTY_FRONTIER;
    for (let size = 1; size <= 8; size++) {
      frontier = appendLeafHashes(frontier, [hashLeaf(entries[size - 1])]).frontier;
      expect(bytesToHex(frontierRoot(frontier))).toBe(ROOTS[size - 1]);
      expect(bytesToHex(await rootFromStore(store, size))).toBe(ROOTS[size - 1]);
    }
    expect(bytesToHex(await rootFromStore(store, 0))).toBe(EMPTY_ROOT);
  });

  it('generates exactly the published inclusion proofs', async () => {
    const store = referenceStore();
    for (const vector of INCLUSION_PROOFS) {
      const proof = await inclusionProofFromStore(store, vector.leafIndex, vector.treeSize);
      expect(proof.inclusionPath.map(bytesToHex), `leaf ${vector.leafIndex} of ${vector.treeSize}`).toEqual(vector.path);
    }
  });

  it('verifies the published inclusion proofs against the published roots', () => {
    for (const vector of INCLUSION_PROOFS) {
      const result = verifyInclusion(
        { leafIndex: vector.leafIndex, treeSize: vector.treeSize, inclusionPath: vector.path },
        { entry: entries[vector.leafIndex] },
        { treeSize: vector.treeSize, rootHash: ROOTS[vector.treeSize - 1] },
      );
      expect(result, `leaf ${vector.leafIndex} of ${vector.treeSize}`).toEqual({ ok: true });
    }
  });

  it('generates exactly the published consistency proofs', async () => {
    const store = referenceStore();
    for (const vector of CONSISTENCY_PROOFS) {
      const proof = await consistencyProofFromStore(store, vector.firstSize, vector.secondSize);
      expect(proof.consistencyPath.map(bytesToHex), `${vector.firstSize} -> ${vector.secondSize}`).toEqual(vector.path);
    }
  });

  it('verifies the published consistency proofs against the published roots', () => {
    for (const vector of CONSISTENCY_PROOFS) {
      const result = verifyConsistency(
        { firstSize: vector.firstSize, secondSize: vector.secondSize, consistencyPath: vector.path },
        { treeSize: vector.firstSize, rootHash: ROOTS[vector.firstSize - 1] },
        { treeSize: vector.secondSize, rootHash: ROOTS[vector.secondSize - 1] },
      );
      expect(result, `${vector.firstSize} -> ${vector.secondSize}`).toEqual({ ok: true });
    }
  });
});
