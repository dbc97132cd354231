import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { bytesToHex, describeType, isBytes, parseHex } from '../hex';
import { sha256 } from '../merkle/sha256';
import type { Read } from '../verification-result';

/**
 * Ed25519 keys for signing tree heads.
 *
 * JSON form of a public key: the raw 32-byte Ed25519 public key (RFC 8032) in lowercase hex
 * (64 digits). `PublicKeyLike` also accepts the raw bytes and an SPKI PEM ("BEGIN PUBLIC KEY").
 * Private keys travel as PKCS#8 PEM ("BEGIN PRIVATE KEY"), the form secrets managers and
 * `openssl genpkey -algorithm ed25519` use.
 *
 * Key id: lowercase hex SHA-256 of the public key's DER SubjectPublicKeyInfo (44 bytes for
 * Ed25519), the RFC 6962 §3.2 log id convention.
 */

export type PublicKeyLike = string | Uint8Array;

export interface SigningKeyPair {
  /** Raw 32-byte Ed25519 public key, lowercase hex. */
  readonly publicKey: string;
  /** PKCS#8 PEM. Keep secret. */
  readonly privateKeyPem: string;
  readonly keyId: string;
}

const ED25519_PUBLIC_KEY_SIZE = 32;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { AlgorithmIdentifier 1.3.101.112, BIT STRING }. */
const ED25519_SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

export interface Ed25519PublicKey {
  readonly raw: Uint8Array;
  readonly keyObject: KeyObject;
  readonly keyId: string;
}

function spkiOf(raw: Uint8Array): Uint8Array {
  const spki = new Uint8Array(ED25519_SPKI_PREFIX.length + raw.length);
  spki.set(ED25519_SPKI_PREFIX);
  spki.set(raw, ED25519_SPKI_PREFIX.length);
  return spki;
}

function fromRaw(raw: Uint8Array): Ed25519PublicKey {
  const spki = spkiOf(raw);
  const keyObject = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  return { raw, keyObject, keyId: bytesToHex(sha256(spki)) };
}

function fromKeyObject(keyObject: KeyObject): Read<Ed25519PublicKey> {
  if (keyObject.asymmetricKeyType !== 'ed25519') return { ok: false, reason: `public key must be Ed25519, got ${keyObject.asymmetricKeyType ?? 'unknown'}` };
  const spki = new Uint8Array(keyObject.export({ format: 'der', type: 'spki' }));
  return { ok: true, value: { raw: spki.slice(ED25519_SPKI_PREFIX.length), keyObject, keyId: bytesToHex(sha256(spki)) } };
}

/** Parses a public key without throwing. */
export function readPublicKey(input: unknown): Read<Ed25519PublicKey> {
  try {
    if (isBytes(input)) {
      if (input.length !== ED25519_PUBLIC_KEY_SIZE) return { ok: false, reason: `public key must be ${ED25519_PUBLIC_KEY_SIZE} raw bytes, got ${input.length}` };
      return { ok: true, value: fromRaw(new Uint8Array(input)) };
    }
    if (typeof input !== 'string') return { ok: false, reason: `public key must be hex, PEM or bytes, got ${describeType(input)}` };
    if (input.includes('-----BEGIN')) return fromKeyObject(createPublicKey({ key: input, format: 'pem' }));
    const parsed = parseHex(input, ED25519_PUBLIC_KEY_SIZE);
    if (!parsed.ok) return { ok: false, reason: `public key must be ${ED25519_PUBLIC_KEY_SIZE} bytes in hex: ${parsed.reason}` };
    return { ok: true, value: fromRaw(parsed.bytes) };
  } catch (error) {
    return { ok: false, reason: `public key is not a valid Ed25519 key: ${error instanceof Error ? error.message : 'unreadable'}` };
  }
}

/** Parses a public key or throws a TypeError with the reason. */
export function parsePublicKey(input: PublicKeyLike): Ed25519PublicKey {
  const key = readPublicKey(input);
  if (!key.ok) throw new TypeError(key.reason);
  return key.value;
}

export function keyIdOf(publicKey: PublicKeyLike): string {
  return parsePublicKey(publicKey).keyId;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const parsed = fromKeyObject(publicKey);
  if (!parsed.ok) throw new Error(parsed.reason);
  return {
    publicKey: bytesToHex(parsed.value.raw),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    keyId: parsed.value.keyId,
  };
}

/** The public half of an Ed25519 private key (to stamp the key id on what it signs). */
export function publicKeyOf(privateKey: KeyObject): Ed25519PublicKey {
  const parsed = fromKeyObject(createPublicKey(privateKey));
  if (!parsed.ok) throw new TypeError(parsed.reason);
  return parsed.value;
}

/** Loads a PKCS#8 PEM (or takes a KeyObject) and checks it is an Ed25519 private key. */
export function parsePrivateKey(privateKey: string | KeyObject): KeyObject {
  const key = typeof privateKey === 'string' ? createPrivateKey({ key: privateKey, format: 'pem' }) : privateKey;
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') throw new TypeError('signing key must be an Ed25519 private key');
  return key;
}
