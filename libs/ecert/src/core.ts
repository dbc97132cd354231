// @corridor/ecert/core: the pure document core of the e-certificates context (no Nest,
// no database). OpenAttestation v2 / TradeTrust interoperability, Corridor's own signed
// certificate documents with selective disclosure, and the certificate data validators.

// OpenAttestation v2 / TradeTrust (offline integrity check, exactly as @govtechsg/open-attestation)
export {
  OA_OFFLINE_SKIP_REASON,
  looksLikeOpenAttestationV2,
  verifyOpenAttestationV2,
  type OaIntegrity,
  type OpenAttestationV2Verification,
} from './open-attestation/oa-v2-verify';
export { OA_V2_SCHEMA_ID, combineOaHashes, flattenOaData, foldOaProof, keccak256Hex, oaDigest, oaLeafHash, oaVisibleLeafHashes } from './open-attestation/oa-v2-hashing';

// Corridor certificate documents: Ed25519 over RFC 8785 JSON, salted leaves, selective disclosure
export { canonicalJson } from './document/canonical-json';
export {
  CERTIFICATE_TYPES,
  DOCUMENT_MEMBERS,
  ECERT_FORMAT,
  ECERT_PROOF_TYPE,
  isCertificateType,
  type CertificateInput,
  type CertificateIssuer,
  type CertificateProof,
  type CertificateType,
  type CorridorCertificate,
  type JsonObject,
  type JsonPrimitive,
  type JsonValue,
} from './document/types';
export {
  generateIssuerKeyPair,
  keyIdOf,
  parsePrivateKey,
  readPublicKey,
  type IssuerKeyPair,
  type IssuerPublicKey,
  type PrivateKeyInput,
  type PublicKeyInput,
} from './document/keys';
export { formatFieldPath, parseFieldPath, toJsonPointer, type PathSegment } from './document/field-paths';
export { arrayLeafHash, signedPayload, valueLeafHash } from './document/leaves';
export { issueCertificate, type IssueOptions } from './document/issue';
export { ObfuscationError, obfuscateDocument } from './document/obfuscate';
export { verifyDocument, verifyDocumentSync, type CheckResult, type DocumentVerification } from './document/verify';
export type {
  CertificateResolvers,
  CheckLedger,
  CheckStatus,
  IsRevoked,
  IssuerKeyRecord,
  LedgerCheck,
  LedgerProofBundle,
  MaybePromise,
  ResolveKey,
  RevocationRecord,
} from './document/resolvers';

// Validation of certificate data (field-path errors such as data.goods[0].hsCode)
export { CertificateValidationError, formatFieldErrors, type FieldError } from './validation/field-errors';
export {
  LPCO_CATEGORIES,
  validateCertificateData,
  validateCertificateInput,
  validateEcooData,
  validateEphytoData,
  validateLpcoData,
} from './validation/certificate-data';

