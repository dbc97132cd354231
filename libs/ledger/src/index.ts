// Public door of @corridor/ledger: the pure RFC 9162 transparency-log core (no Nest, no database).

export { bytesToHex, hexToBytes, isBytes, parseHex, type HexParseResult } from './hex';
export { canonicalJson, canonicalJsonBytes } from './canonical-json';
export { VERIFIED, type HashLike, type VerificationResult } from './verification-result';

// Merkle tree (RFC 9162 §2.1)
export { sha256 } from './merkle/sha256';
export { HASH_SIZE, emptyTreeHash, equalBytes, hashChildren, hashLeaf } from './merkle/hashing';
export { alignedPieces, isTreeSize, largestPowerOfTwoBelow, leafRange, nodeKey, type NodeCoordinate } from './merkle/subtrees';
export {
  assembleConsistencyProof,
  assembleInclusionProof,
  assembleRoot,
  consistencyPathLength,
  inclusionPathLength,
  nodesNeededForConsistency,
  nodesNeededForInclusion,
  nodesNeededForRoot,
  toNodeHashMap,
  type NodeHashes,
} from './merkle/proof-plans';
export {
  EMPTY_FRONTIER,
  appendLeafHashes,
  frontierFromHashes,
  frontierRoot,
  rootOfEntries,
  rootOfLeafHashes,
  type AppendResult,
  type Frontier,
  type StoredNode,
} from './merkle/appender';
export {
  appendToStore,
  consistencyProofFromStore,
  createInMemoryNodeStore,
  frontierFromStore,
  inclusionProofFromStore,
  rootFromStore,
  type InMemoryNodeStore,
  type MaybePromise,
  type NodeReader,
  type NodeStore,
  type NodeWriter,
} from './merkle/node-store';
export {
  consistencyProofToJson,
  inclusionProofToJson,
  type ConsistencyProof,
  type ConsistencyProofJson,
  type InclusionProof,
  type InclusionProofJson,
  type TreeHead,
} from './merkle/proofs';
export { verifyConsistency, verifyInclusion, type LeafInput } from './merkle/verify';
export { rootFromHexLinesFile } from './merkle/hex-lines-file';

// Signed tree heads (Ed25519)
export {
  generateSigningKeyPair,
  keyIdOf,
  parsePrivateKey,
  parsePublicKey,
  type Ed25519PublicKey,
  type PublicKeyLike,
  type SigningKeyPair,
} from './sth/keys';
export { TREE_HEAD_ENCODING_LENGTH, encodeTreeHeadForSigning } from './sth/tree-head-encoding';
export {
  signTreeHead,
  verifyConsistencyBetweenSths,
  verifyInclusionAgainstSth,
  verifySignedTreeHead,
  type SignedTreeHead,
  type UnsignedTreeHead,
} from './sth/signed-tree-head';

// The log as a Nest module on TypeORM (SQLite or PostgreSQL)
export { LedgerModule } from './log/ledger.module';
export { LedgerService, type AppendedEntry, type LedgerKeyView, type LedgerSidecar } from './log/ledger.service';
export { LEDGER_ENTITIES } from './log/ledger.entities';
export { LEDGER_MIGRATIONS } from './log/ledger.migrations';
export { auditLedger, type AuditReport } from './log/ledger-audit';
