import { randomBytes, sign, type KeyObject } from 'node:crypto';
import { CertificateValidationError, type FieldError } from '../validation/field-errors';
import { validateCertificateInput } from '../validation/certificate-data';
import { parsePrivateKey, type PrivateKeyInput } from './keys';
import { nodeLeafHash, payloadDigest, signedPayload, walkData, type DataNode } from './leaves';
import { ECERT_FORMAT, ECERT_PROOF_TYPE, type CertificateInput, type CorridorCertificate, type JsonObject } from './types';

export interface IssueOptions {
  /** Run the type's data validators (default true). Envelope and JSON checks always run. */
  readonly validateData?: boolean;
  /** Clock for the default issuedAt (tests). */
  readonly now?: () => Date;
}

/**
 * Signs a certificate: salts every leaf of `data` with 128 random bits, hashes the sorted leaf
 * hashes together with the envelope (SHA-256 of the RFC 8785 payload, see signedPayload), signs
 * those 32 bytes with Ed25519 and
 * returns the full document with nothing hidden.
 *
 * Throws CertificateValidationError (with field errors) for an invalid certificate and
 * TypeError for an unusable key or an issuer.keyId that is not the signing key's id.
 */
export function issueCertificate(certificate: CertificateInput, privateKey: PrivateKeyInput, options: IssueOptions = {}): CorridorCertificate {
  const { keyObject, publicKey } = parsePrivateKey(privateKey);
  const errors = validateCertificateInput(certificate);
  const validateData = options.validateData ?? true;
  const blocking = validateData ? errors : errors.filter(isEnvelopeOrJsonError);
  if (blocking.length > 0) throw new CertificateValidationError(blocking);
  if (certificate.issuer.keyId !== undefined && certificate.issuer.keyId !== publicKey.keyId) {
    throw new TypeError(`issuer.keyId ${certificate.issuer.keyId} is not the id of the signing key (${publicKey.keyId})`);
  }
  const issuedAt = certificate.issuedAt === undefined ? (options.now?.() ?? new Date()).toISOString() : certificate.issuedAt instanceof Date ? certificate.issuedAt.toISOString() : certificate.issuedAt;
  const data = structuredClone(certificate.data) as JsonObject;

  const nodes: DataNode[] = [];
  walkData(data, (node) => nodes.push(node));
  const saltBytes = randomBytes(16 * nodes.length).toString('hex');
  const salts: Record<string, string> = {};
  const hashes: string[] = [];
  nodes.forEach((node, i) => {
    const salt = saltBytes.slice(32 * i, 32 * (i + 1));
    salts[node.pointer] = salt;
    hashes.push(nodeLeafHash(node, salt));
  });
  hashes.sort();

  const issuer = { agencyId: certificate.issuer.agencyId, keyId: publicKey.keyId };
  const payload = signedPayload({ id: certificate.id, type: certificate.type, issuer, issuedAt }, hashes);
  const digest = payloadDigest(payload);
  return {
    format: ECERT_FORMAT,
    id: certificate.id,
    type: certificate.type,
    issuer,
    issuedAt,
    data,
    salts,
    obfuscated: [],
    proof: { type: ECERT_PROOF_TYPE, digest, signature: signDigest(digest, keyObject) },
  };
}

/** Ed25519 (RFC 8032, pure) over the 32 raw bytes of the payload digest. */
function signDigest(digest: string, key: KeyObject): string {
  return sign(null, Buffer.from(digest, 'hex'), key).toString('base64');
}

function isEnvelopeOrJsonError(error: FieldError): boolean {
  return error.code === 'ENVELOPE.INVALID' || error.code === 'JSON.INVALID' || error.path === 'data' || error.path === 'certificate';
}
