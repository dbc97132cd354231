import { bytesToHex } from '../hex';

/**
 * RFC 9162 §2.1.3 inclusion proof: the inclusion path (RFC 6962's "audit path") lists the sibling
 * hashes from the leaf up to the root. `H` is the hash representation: bytes in memory, lowercase
 * hex on the wire (see the `*ToJson` helpers); the verifiers accept either.
 */
export interface InclusionProof<H = Uint8Array> {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly inclusionPath: readonly H[];
}

/** RFC 9162 §2.1.4 consistency proof that the tree of size `firstSize` is a prefix of the one of size `secondSize`. */
export interface ConsistencyProof<H = Uint8Array> {
  readonly firstSize: number;
  readonly secondSize: number;
  readonly consistencyPath: readonly H[];
}

/** What a proof is checked against: a tree size and its root (typically taken from a signed tree head). */
export interface TreeHead<H = Uint8Array> {
  readonly treeSize: number;
  readonly rootHash: H;
}

export type InclusionProofJson = InclusionProof<string>;
export type ConsistencyProofJson = ConsistencyProof<string>;

export function inclusionProofToJson(proof: InclusionProof): InclusionProofJson {
  return { leafIndex: proof.leafIndex, treeSize: proof.treeSize, inclusionPath: proof.inclusionPath.map(bytesToHex) };
}

export function consistencyProofToJson(proof: ConsistencyProof): ConsistencyProofJson {
  return { firstSize: proof.firstSize, secondSize: proof.secondSize, consistencyPath: proof.consistencyPath.map(bytesToHex) };
}
