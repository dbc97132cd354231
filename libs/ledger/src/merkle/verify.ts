import { describeType, isBytes } from '../hex';
import {
  failure,
  neverThrow,
  isRecord,
  readHash,
  readHashList,
  readSize,
  VERIFIED,
  type HashLike,
  type VerificationResult,
} from '../verification-result';
import { emptyTreeHash, equalBytes, hashChildren, hashLeaf } from './hashing';
import { consistencyPathLength, inclusionPathLength } from './proof-plans';
import type { ConsistencyProof, InclusionProof, TreeHead } from './proofs';

/**
 * Client-side verification (RFC 9162 §2.1.3.2 and §2.1.4.2): needs only the proof, the leaf and
 * the tree head(s), never the log's storage. Inputs are typed for convenience but treated as
 * untrusted: every field is checked at run time and failures come back as reasons, never throws.
 */

/** The leaf being proven: its entry bytes (hashed here) or its RFC 9162 leaf hash. */
export type LeafInput = { readonly entry: Uint8Array } | { readonly leafHash: HashLike };

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

function readLeafHash(leaf: unknown): { ok: true; value: Uint8Array } | { ok: false; reason: string } {
  if (!isRecord(leaf)) return { ok: false, reason: `leaf must be { entry } or { leafHash }, got ${describeType(leaf)}` };
  const hasEntry = 'entry' in leaf;
  const hasLeafHash = 'leafHash' in leaf;
  if (hasEntry === hasLeafHash) return { ok: false, reason: 'leaf must have exactly one of entry or leafHash' };
  if (hasLeafHash) return readHash(leaf.leafHash, 'leaf hash');
  if (!isBytes(leaf.entry)) return { ok: false, reason: `leaf entry must be bytes (Uint8Array), got ${describeType(leaf.entry)}` };
  return { ok: true, value: hashLeaf(leaf.entry) };
}

function readTreeHead(head: unknown, what: string): { ok: true; size: number; root: Uint8Array } | { ok: false; reason: string } {
  if (!isRecord(head)) return { ok: false, reason: `${what} must be an object, got ${describeType(head)}` };
  const size = readSize(head.treeSize, `${what} tree size`);
  if (!size.ok) return size;
  const root = readHash(head.rootHash, `${what} root hash`);
  if (!root.ok) return root;
  return { ok: true, size: size.value, root: root.value };
}

/** RFC 9162 §2.1.3.2: the root an inclusion path leads to (null if the path does not fit the tree shape). */
function rootFromInclusionPath(leafIndex: number, treeSize: number, leafHash: Uint8Array, path: readonly Uint8Array[]): Uint8Array | null {
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(proof: InclusionProof<HashLike>, leaf: LeafInput, head: TreeHead<HashLike>): VerificationResult {
  return neverThrow(() => checkInclusion(proof, leaf, head));
}

function checkInclusion(proof: unknown, leaf: unknown, head: unknown): VerificationResult {
  if (!isRecord(proof)) return failure(`inclusion proof must be an object, got ${describeType(proof)}`);
  const index = readSize(proof.leafIndex, 'leaf index');
  if (!index.ok) return failure(index.reason);
  const size = readSize(proof.treeSize, 'proof tree size');
  if (!size.ok) return failure(size.reason);
  const tree = readTreeHead(head, 'tree head');
  if (!tree.ok) return failure(tree.reason);
  if (size.value !== tree.size) return failure(`proof is for tree size ${size.value} but the tree head has size ${tree.size}`);
  if (index.value >= size.value) return failure(`leaf index ${index.value} is not below tree size ${size.value}`);
  const leafHash = readLeafHash(leaf);
  if (!leafHash.ok) return failure(leafHash.reason);
  const expected = inclusionPathLength(index.value, size.value);
  const path = readHashList(proof.inclusionPath, 'inclusion path', expected, `leaf ${index.value} of a tree of size ${size.value}`);
  if (!path.ok) return failure(path.reason);

  const root = rootFromInclusionPath(index.value, size.value, leafHash.value, path.value);
  if (root === null) return failure('inclusion path does not fit the shape of the tree');
  if (!equalBytes(root, tree.root)) return failure("root mismatch: the inclusion path does not lead to the tree head's root hash");
  return VERIFIED;
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

/** RFC 9162 §2.1.4.2 for 0 < first < second: the two roots the path reproduces (null if it does not fit). */
function rootsFromConsistencyPath(first: number, second: number, firstRoot: Uint8Array, proofPath: readonly Uint8Array[]) {
  const path = isPowerOfTwo(first) ? [firstRoot, ...proofPath] : proofPath;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? { fr, sr } : null;
}

export function verifyConsistency(
  proof: ConsistencyProof<HashLike>,
  firstHead: TreeHead<HashLike>,
  secondHead: TreeHead<HashLike>,
): VerificationResult {
  return neverThrow(() => checkConsistency(proof, firstHead, secondHead));
}

function checkConsistency(proof: unknown, firstHead: unknown, secondHead: unknown): VerificationResult {
  if (!isRecord(proof)) return failure(`consistency proof must be an object, got ${describeType(proof)}`);
  const firstSize = readSize(proof.firstSize, 'proof first size');
  if (!firstSize.ok) return failure(firstSize.reason);
  const secondSize = readSize(proof.secondSize, 'proof second size');
  if (!secondSize.ok) return failure(secondSize.reason);
  const first = readTreeHead(firstHead, 'first tree head');
  if (!first.ok) return failure(first.reason);
  const second = readTreeHead(secondHead, 'second tree head');
  if (!second.ok) return failure(second.reason);
  if (firstSize.value !== first.size) return failure(`proof starts at tree size ${firstSize.value} but the first tree head has size ${first.size}`);
  if (secondSize.value !== second.size) return failure(`proof ends at tree size ${secondSize.value} but the second tree head has size ${second.size}`);
  if (first.size > second.size) return failure(`first tree size ${first.size} is larger than second tree size ${second.size}`);
  const m = first.size;
  const n = second.size;
  const expected = consistencyPathLength(m, n);
  const path = readHashList(proof.consistencyPath, 'consistency path', expected, `a proof from size ${m} to size ${n}`);
  if (!path.ok) return failure(path.reason);

  if (m === 0) {
    return equalBytes(first.root, emptyTreeHash()) ? VERIFIED : failure('root mismatch: a tree of size 0 must have the empty-tree root SHA-256("")');
  }
  if (m === n) {
    return equalBytes(first.root, second.root) ? VERIFIED : failure('root mismatch: two tree heads of the same size have different roots');
  }
  const roots = rootsFromConsistencyPath(m, n, first.root, path.value);
  if (roots === null) return failure('consistency path does not fit the shape of the trees');
  if (!equalBytes(roots.fr, first.root)) return failure("root mismatch: the consistency path does not reproduce the first tree head's root hash");
  if (!equalBytes(roots.sr, second.root)) return failure("root mismatch: the consistency path does not reproduce the second tree head's root hash");
  return VERIFIED;
}
