import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';

/**
 * Ed25519 issuer keys.
 *
 * - Public keys travel as base64 (standard or URL-safe alphabet, padding optional) of the raw
 *   32-byte Ed25519 public key (RFC 8032). An SPKI PEM or a KeyObject is accepted too.
 * - Private keys: PKCS#8 PEM ("BEGIN PRIVATE KEY", what `openssl genpkey -algorithm ed25519`
 *   writes), base64 of the raw 32-byte seed, or a KeyObject.
 * - Key id: the first 16 lowercase hex digits (64 bits) of SHA-256 over the raw 32-byte public
 *   key. It names a key inside one agency's registry; the registry still maps (agencyId, keyId)
 *   to the full key, and verification checks the resolved key really has this id.
 */

export const ED25519_KEY_SIZE = 32;
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const BASE64_32_BYTES = /^(?:[A-Za-z0-9+/]{43}=?|[A-Za-z0-9_-]{43})$/;

export interface IssuerKeyPair {
  /** base64 of the raw 32-byte public key: what goes into the key registry. */
  readonly publicKey: string;
  /** PKCS#8 PEM. Keep secret. */
  readonly privateKeyPem: string;
  readonly keyId: string;
}

export interface IssuerPublicKey {
  readonly raw: Uint8Array;
  readonly keyObject: KeyObject;
  readonly keyId: string;
  /** base64 of the raw key. */
  readonly base64: string;
}

export type PublicKeyInput = string | Uint8Array | KeyObject;
export type PrivateKeyInput = string | KeyObject;

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

export function keyIdOf(publicKey: PublicKeyInput): string {
  const key = readPublicKey(publicKey);
  if (!key.ok) throw new TypeError(key.reason);
  return key.value.keyId;
}

function keyIdOfRaw(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

export function generateIssuerKeyPair(): IssuerKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawOfPublicKeyObject(publicKey);
  return {
    publicKey: Buffer.from(raw).toString('base64'),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    keyId: keyIdOfRaw(raw),
  };
}

function rawOfPublicKeyObject(keyObject: KeyObject): Uint8Array {
  const spki = keyObject.export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
}

function decodeBase64Key(text: string, what: string): Read<Buffer> {
  const trimmed = text.trim();
  if (!BASE64_32_BYTES.test(trimmed)) return { ok: false, reason: `${what} must be base64 of ${ED25519_KEY_SIZE} raw bytes (43-44 characters) or a PEM` };
  return { ok: true, value: Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64') };
}

function fromRaw(raw: Uint8Array): IssuerPublicKey {
  const keyObject = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  return { raw, keyObject, keyId: keyIdOfRaw(raw), base64: Buffer.from(raw).toString('base64') };
}

// Creating a KeyObject costs more than verifying a small signature: keep recent ones.
const PUBLIC_KEY_CACHE = new Map<string, IssuerPublicKey>();
const PUBLIC_KEY_CACHE_SIZE = 1024;

/** Parses a public key without throwing. */
export function readPublicKey(input: unknown): Read<IssuerPublicKey> {
  try {
    if (input instanceof KeyObject) {
      if (input.type !== 'public' || input.asymmetricKeyType !== 'ed25519') return { ok: false, reason: `public key must be an Ed25519 public key, got ${input.type} ${input.asymmetricKeyType ?? ''}`.trim() };
      const raw = rawOfPublicKeyObject(input);
      return { ok: true, value: { raw, keyObject: input, keyId: keyIdOfRaw(raw), base64: Buffer.from(raw).toString('base64') } };
    }
    if (input instanceof Uint8Array) {
      if (input.length !== ED25519_KEY_SIZE) return { ok: false, reason: `public key must be ${ED25519_KEY_SIZE} raw bytes, got ${input.length}` };
      return { ok: true, value: fromRaw(new Uint8Array(input)) };
    }
    if (typeof input !== 'string') return { ok: false, reason: `public key must be base64 of the raw key, a PEM or bytes, got ${input === null ? 'null' : typeof input}` };
    const cached = PUBLIC_KEY_CACHE.get(input);
    if (cached) return { ok: true, value: cached };
    let key: Read<IssuerPublicKey>;
    if (input.includes('-----BEGIN')) {
      key = readPublicKey(createPublicKey({ key: input, format: 'pem' }));
    } else {
      const raw = decodeBase64Key(input, 'public key');
      key = raw.ok ? { ok: true, value: fromRaw(new Uint8Array(raw.value)) } : raw;
    }
    if (key.ok) {
      if (PUBLIC_KEY_CACHE.size >= PUBLIC_KEY_CACHE_SIZE) PUBLIC_KEY_CACHE.delete(PUBLIC_KEY_CACHE.keys().next().value as string);
      PUBLIC_KEY_CACHE.set(input, key.value);
    }
    return key;
  } catch (error) {
    return { ok: false, reason: `public key is not a valid Ed25519 key: ${error instanceof Error ? error.message : 'unreadable'}` };
  }
}

// Deriving the public half of a signing key (createPublicKey + export) costs more than an Ed25519
// signature: remember it per KeyObject, so a service that keeps its KeyObjects signs at full speed.
const PARSED_KEY_OBJECTS = new WeakMap<KeyObject, { keyObject: KeyObject; publicKey: IssuerPublicKey }>();

/** Parses a private key (PKCS#8 PEM, base64 raw seed or KeyObject) or throws a TypeError. */
export function parsePrivateKey(input: PrivateKeyInput): { keyObject: KeyObject; publicKey: IssuerPublicKey } {
  const known = input instanceof KeyObject ? PARSED_KEY_OBJECTS.get(input) : undefined;
  if (known) return known;
  let keyObject: KeyObject;
  try {
    if (input instanceof KeyObject) {
      keyObject = input;
    } else if (typeof input === 'string' && input.includes('-----BEGIN')) {
      keyObject = createPrivateKey({ key: input, format: 'pem' });
    } else if (typeof input === 'string') {
      const seed = decodeBase64Key(input, 'private key');
      if (!seed.ok) throw new TypeError(seed.reason);
      keyObject = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed.value]), format: 'der', type: 'pkcs8' });
    } else {
      throw new TypeError('private key must be a PKCS#8 PEM, base64 of the raw 32-byte seed, or a KeyObject');
    }
  } catch (error) {
    throw new TypeError(`private key is not a valid Ed25519 key: ${error instanceof Error ? error.message : 'unreadable'}`, { cause: error });
  }
  if (keyObject.type !== 'private' || keyObject.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`private key must be an Ed25519 private key, got ${keyObject.type} ${keyObject.asymmetricKeyType ?? ''}`.trim());
  }
  const publicKey = readPublicKey(createPublicKey(keyObject));
  if (!publicKey.ok) throw new TypeError(publicKey.reason);
  const parsed = { keyObject, publicKey: publicKey.value };
  PARSED_KEY_OBJECTS.set(keyObject, parsed);
  return parsed;
}
