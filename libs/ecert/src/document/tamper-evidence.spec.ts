import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SAMPLE_EPHYTO, sampleCertificate } from '../testing/samples';
import { issueCertificate } from './issue';
import { generateIssuerKeyPair } from './keys';
import { obfuscateDocument } from './obfuscate';
import type { CorridorCertificate, JsonObject } from './types';
import { verifyDocumentSync } from './verify';

const keys = generateIssuerKeyPair();
const resolveKey = (agencyId: string, keyId: string) => (agencyId === 'KE-KRA' && keyId === keys.keyId ? { publicKey: keys.publicKey, validFrom: '2024-01-01T00:00:00Z' } : undefined);

const TRICKY: JsonObject = {
  name: 'Zürich → 東京',
  list: [{ x: 1.5, y: [true, null] }, 'three', null, [], {}],
  flag: false,
  count: 19200,
};

/** Characters to try instead of `c`: same class first (so the JSON usually still parses), then others. */
function replacements(c: string): string[] {
  if (/[0-9]/.test(c)) return [String((Number(c) + 1) % 10), 'a'];
  if (/[a-f]/.test(c)) return [c === 'f' ? 'e' : String.fromCharCode(c.charCodeAt(0) + 1), '0', 'A'];
  if (/[A-Za-z]/.test(c)) return [c === 'Z' || c === 'z' ? 'y' : String.fromCharCode(c.charCodeAt(0) + 1), '0'];
  if (c === '"' || c === '\\') return ['x'];
  return ['x', '0'];
}

/** Every document that differs from `doc` by one replaced character of its JSON text and still parses. */
function oneCharacterVariants(doc: CorridorCertificate): { position: number; text: string; value: unknown }[] {
  const text = JSON.stringify(doc);
  const variants: { position: number; text: string; value: unknown }[] = [];
  for (let i = 0; i < text.length; i++) {
    for (const r of replacements(text[i])) {
      const changed = text.slice(0, i) + r + text.slice(i + 1);
      let value: unknown;
      try {
        value = JSON.parse(changed);
      } catch {
        continue;
      }
      if (!isDeepStrictEqual(value, doc)) variants.push({ position: i, text: changed, value });
    }
  }
  return variants;
}

describe('one-character changes anywhere make a Corridor certificate invalid', () => {
  const documents: [string, CorridorCertificate][] = [
    ['a full e-Phyto', issueCertificate(sampleCertificate({ type: 'e-phyto', data: SAMPLE_EPHYTO }), keys.privateKeyPem)],
    ['tricky data', issueCertificate(sampleCertificate({ type: 'lpco', data: TRICKY }), keys.privateKeyPem, { validateData: false })],
  ];
  documents.push(['an obfuscated e-Phyto', obfuscateDocument(documents[0][1], ['consignee.address', 'commodities[1]', 'treatments[0].date'])]);
  documents.push(['obfuscated tricky data', obfuscateDocument(documents[1][1], ['list[0].y[1]', 'list[2]', 'name'])]);

  it.each(documents)('%s: the original verifies', (_, doc) => {
    expect(verifyDocumentSync(JSON.parse(JSON.stringify(doc)), resolveKey).valid).toBe(true);
  });

  it.each(documents)('%s: every parseable one-character variant of its JSON is invalid', (_, doc) => {
    const variants = oneCharacterVariants(doc);
    expect(variants.length).toBeGreaterThan(500);
    const survivors = variants.filter((v) => verifyDocumentSync(v.value, resolveKey).valid);
    expect(survivors.map((v) => `@${v.position}: ...${v.text.slice(Math.max(0, v.position - 30), v.position + 30)}...`)).toEqual([]);
  });

  it('every kind of change is caught by the check that should catch it', () => {
    const doc = documents[2][1];
    const mutate = (change: (d: Record<string, unknown>) => void) => {
      const copy = structuredClone(doc) as unknown as Record<string, unknown>;
      change(copy);
      return verifyDocumentSync(copy, resolveKey);
    };
    const data = (d: Record<string, unknown>) => d['data'] as JsonObject;
    // Content changes: integrity (and the signature over the recomputed digest) fail.
    for (const change of [
      (d: Record<string, unknown>) => ((data(d)['consignor'] as JsonObject)['name'] = 'Someone else'),
      (d: Record<string, unknown>) => ((d['salts'] as Record<string, string>)['/exportCountry'] = '0'.repeat(32)),
      (d: Record<string, unknown>) => ((d['obfuscated'] as string[])[0] = '0'.repeat(64)),
      (d: Record<string, unknown>) => (d['id'] = 'ECERT-OTHER'),
      (d: Record<string, unknown>) => (d['type'] = 'lpco'),
      (d: Record<string, unknown>) => (d['issuedAt'] = '2025-03-01T10:00:00.001Z'),
    ]) {
      const result = mutate(change);
      expect(result.valid).toBe(false);
      expect(result.checks.integrity.status).toBe('INVALID');
      expect(result.checks.signature.status).toBe('INVALID');
    }
    // A changed digest: integrity fails, the signature still matches the content.
    const digest = mutate((d) => ((d['proof'] as Record<string, string>)['digest'] = '0'.repeat(64)));
    expect(digest.checks.integrity.status).toBe('INVALID');
    expect(digest.checks.signature.status).toBe('VALID');
    // A changed signature: integrity holds, the signature fails.
    const signature = mutate((d) => {
      const proof = d['proof'] as Record<string, string>;
      proof['signature'] = `${proof['signature'][0] === 'A' ? 'B' : 'A'}${proof['signature'].slice(1)}`;
    });
    expect(signature.checks.integrity.status).toBe('VALID');
    expect(signature.checks.signature.status).toBe('INVALID');
  });

  it('structural tricks are refused: added fields, added empty containers, appended array elements, dropped placeholders', () => {
    const doc = documents[3][1];
    const tricks: ((d: { data: JsonObject; salts: Record<string, string> }) => void)[] = [
      (d) => (d.data['added'] = 'x'),
      (d) => (d.data['added'] = {}),
      (d) => (d.data['added'] = []),
      (d) => (d.data['added'] = null),
      (d) => (d.data['list'] as unknown[]).push(null),
      (d) => (d.data['list'] as unknown[]).splice(2, 1),
      (d) => ((d.data['list'] as unknown[])[3] = {}),
      (d) => ((d.data['list'] as unknown[])[4] = []),
      (d) => (d.data['list'] = Object.fromEntries((d.data['list'] as unknown[]).map((v, i) => [String(i), v])) as JsonObject),
      (d) => (d.salts['/extra'] = '0'.repeat(32)),
      (d) => delete d.salts['/flag'],
      (d) => delete d.data['flag'],
      (d) => (d.data['flag'] = 'false'),
      (d) => (d.data['count'] = '19200'),
    ];
    tricks.forEach((trick, i) => {
      const copy = structuredClone(doc) as unknown as { data: JsonObject; salts: Record<string, string> };
      trick(copy);
      expect(verifyDocumentSync(copy, resolveKey).valid, `trick ${i}`).toBe(false);
    });
  });

  it('unexpected members anywhere in the envelope are refused', () => {
    const doc = documents[0][1];
    const extras = [
      { ...doc, extra: 1 },
      { ...doc, issuer: { ...doc.issuer, name: 'x' } },
      { ...doc, proof: { ...doc.proof, created: '2025-01-01' } },
      { ...doc, format: 'corridor-ecert/2' },
    ];
    for (const extra of extras) expect(verifyDocumentSync(extra, resolveKey).valid).toBe(false);
  });
});
