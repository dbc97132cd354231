// npm run ecert -- verify-oa FILE         offline integrity of a wrapped OpenAttestation v2 / TradeTrust document
//                                         (JSON on stdout; exit 0 valid, 1 invalid, 2 unreadable)
// npm run ecert -- keygen                 a new Ed25519 issuer key pair (JSON: publicKey, privateKeyPem, keyId)
// npm run ecert -- issue FILE --key PEM   signs the certificate in FILE ({id, type, issuer: {agencyId}, issuedAt?, data})
// npm run ecert -- obfuscate FILE --path goods[0].hsCode [--path ...]   hides fields of a signed certificate
// npm run ecert -- verify FILE --public-key BASE64 [--valid-from ISO] [--valid-to ISO]
//                                         verifies a Corridor certificate against one key (exit 0 valid, 1 invalid, 2 unreadable)
import {
  CertificateValidationError,
  generateIssuerKeyPair,
  issueCertificate,
  keyIdOf,
  looksLikeOpenAttestationV2,
  obfuscateDocument,
  ObfuscationError,
  verifyDocumentSync,
  verifyOpenAttestationV2,
  type CertificateInput,
  type CorridorCertificate,
} from '@corridor/ecert/core';
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';

const MAX_FILE_BYTES = 100 * 1024 * 1024;
const USAGE = 'usage: npm run ecert -- verify-oa FILE | keygen | issue FILE --key PEM_FILE | obfuscate FILE --path PATH... | verify FILE --public-key BASE64';

function fail(message: string, code = 2): never {
  process.stderr.write(`ecert: ${message}\n`);
  process.exit(code);
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Reads and parses a JSON file, or says why it cannot. */
function readJson(file: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) return { ok: false, reason: `${file} is ${size} bytes, more than ${MAX_FILE_BYTES}` };
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, reason: `cannot read ${file}: ${(error as Error).message}` };
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { ok: false, reason: `${file} is not JSON: ${(error as Error).message}` };
  }
}

function verifyOa(file: string | undefined): void {
  if (!file) fail('usage: npm run ecert -- verify-oa FILE');
  const read = readJson(file);
  if (!read.ok) {
    printJson({ file, integrity: 'INVALID', unreadable: true, reason: read.reason });
    process.stderr.write(`ecert: ${read.reason}\n`);
    process.exit(2);
  }
  const result = verifyOpenAttestationV2(read.value);
  const unreadable = !result.recognised || !looksLikeOpenAttestationV2(read.value);
  const { integrity, reason, targetHash, merkleRoot, version, status, statusReason, identity, identityReason, computedTargetHash, computedMerkleRoot, visibleFields, obfuscatedFields, proofLength } = result;
  printJson({
    file,
    integrity,
    reason,
    ...(unreadable ? { unreadable: true } : {}),
    targetHash,
    merkleRoot,
    version,
    status,
    statusReason,
    identity,
    identityReason,
    details: { computedTargetHash, computedMerkleRoot, visibleFields, obfuscatedFields, proofLength },
  });
  process.exitCode = unreadable ? 2 : integrity === 'VALID' ? 0 : 1;
}

function readOrFail(file: string | undefined, usage: string): unknown {
  if (!file) fail(usage);
  const read = readJson(file);
  if (!read.ok) fail(read.reason);
  return read.value;
}

function issue(args: string[]): void {
  const { values, positionals } = parseArgs({ args, options: { key: { type: 'string' } }, allowPositionals: true });
  const certificate = readOrFail(positionals[0], 'usage: npm run ecert -- issue FILE --key PEM_FILE');
  if (!values.key) fail('--key PEM_FILE is required');
  let pem: string;
  try {
    pem = readFileSync(values.key, 'utf8');
  } catch (error) {
    fail(`cannot read ${values.key}: ${(error as Error).message}`);
  }
  try {
    printJson(issueCertificate(certificate as CertificateInput, pem));
  } catch (error) {
    if (error instanceof CertificateValidationError) {
      for (const e of error.errors) process.stderr.write(`${e.path}: ${e.message}\n`);
      fail('the certificate is invalid', 1);
    }
    fail((error as Error).message, 1);
  }
}

function obfuscate(args: string[]): void {
  const { values, positionals } = parseArgs({ args, options: { path: { type: 'string', multiple: true } }, allowPositionals: true });
  const document = readOrFail(positionals[0], 'usage: npm run ecert -- obfuscate FILE --path PATH [--path PATH...]');
  if (!values.path?.length) fail('at least one --path is required');
  try {
    printJson(obfuscateDocument(document as CorridorCertificate, values.path));
  } catch (error) {
    if (error instanceof ObfuscationError) fail(error.message, 1);
    throw error;
  }
}

function verify(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    options: { 'public-key': { type: 'string' }, 'valid-from': { type: 'string', default: '1970-01-01T00:00:00Z' }, 'valid-to': { type: 'string' } },
    allowPositionals: true,
  });
  const document = readOrFail(positionals[0], 'usage: npm run ecert -- verify FILE --public-key BASE64');
  const publicKey = values['public-key'];
  if (!publicKey) fail('--public-key BASE64 is required');
  let keyId: string;
  try {
    keyId = keyIdOf(publicKey);
  } catch (error) {
    fail((error as Error).message);
  }
  const result = verifyDocumentSync(document, (_agencyId, id) => (id === keyId ? { publicKey, validFrom: values['valid-from'] as string, validTo: values['valid-to'] } : undefined));
  printJson(result);
  process.exitCode = result.valid ? 0 : result.id === undefined ? 2 : 1;
}

function main(): void {
  const [command, ...args] = process.argv.slice(2);
  try {
    switch (command) {
      case 'verify-oa':
        return verifyOa(args[0]);
      case 'keygen':
        return printJson(generateIssuerKeyPair());
      case 'issue':
        return issue(args);
      case 'obfuscate':
        return obfuscate(args);
      case 'verify':
        return verify(args);
      default:
        fail(USAGE);
    }
  } catch (error) {
    fail((error as Error).message);
  }
}

main();
