import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const WORKSPACE = resolve(import.meta.dirname, '../../../..');
const FIXTURES = '/work/shared/fixtures/openattestation';
const scratch = mkdtempSync(join(tmpdir(), 'ecert-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: Record<string, unknown>;
}

function runCli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ['-r', '@swc-node/register', 'tools/cli/ecert.ts', ...args], { cwd: WORKSPACE, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = {};
      }
      done({ code, stdout, stderr, json });
    });
  });
}

function scratchFile(name: string, content: string): string {
  const file = join(scratch, name);
  writeFileSync(file, content);
  return file;
}

describe('npm run ecert -- verify-oa FILE', () => {
  it('prints one JSON object and exits 0 for valid, 1 for invalid, 2 for unreadable', async () => {
    const valid = JSON.parse(readFileSync(join(FIXTURES, 'valid-batched-proof2.oa-cli.json'), 'utf8'));
    valid.data.name = valid.data.name.replace('Govtech', 'Govtecx');
    const cases: [string, string, number][] = [
      ['valid chafta', join(FIXTURES, 'valid-chafta-coo.tradetrust.json'), 0],
      ['valid obfuscated invoice', join(FIXTURES, 'valid-obfuscated-invoice.tradetrust.json'), 0],
      ['valid batched', join(FIXTURES, 'valid-batched-proof2.oa-cli.json'), 0],
      ['tampered DID', join(FIXTURES, 'tampered-did-invalid.oa-cli.json'), 1],
      ['tampered copy', scratchFile('tampered.json', JSON.stringify(valid)), 1],
      ['missing file', join(scratch, 'does-not-exist.json'), 2],
      ['not JSON', scratchFile('not-json.json', '{"version": "https://schema.openattestation.com/2.0/schema.json", "data": '), 2],
      ['empty file', scratchFile('empty.json', ''), 2],
      ['JSON but not OpenAttestation', scratchFile('other.json', '{"hello": "world"}'), 2],
      ['a JSON array', scratchFile('array.json', '[1, 2, 3]'), 2],
    ];
    const runs = await Promise.all(cases.map(([, file]) => runCli('verify-oa', file)));
    runs.forEach((run, i) => {
      const [name, , expected] = cases[i];
      expect(run.code, `${name}: ${run.stderr}`).toBe(expected);
      expect(run.json['integrity'], name).toBe(expected === 0 ? 'VALID' : 'INVALID');
      expect(typeof run.json['reason'], name).toBe('string');
      if (expected !== 2) {
        expect(run.json['version']).toBe('https://schema.openattestation.com/2.0/schema.json');
        expect(run.json['targetHash']).toMatch(/^[0-9a-f]{64}$/);
        expect(run.json['merkleRoot']).toMatch(/^[0-9a-f]{64}$/);
        expect(run.json['status']).toBe('SKIPPED');
        expect(run.json['identity']).toBe('SKIPPED');
        expect(run.json['statusReason']).toBe('needs a chain and DNS; offline check only');
      }
    });
  }, 120_000);

  it('without a file: usage on stderr, exit 2', async () => {
    const run = await runCli('verify-oa');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/usage/);
    expect(run.stdout).toBe('');
  }, 60_000);
});

describe('npm run ecert -- keygen / issue / obfuscate / verify', () => {
  it('issues, hides a field and verifies a Corridor certificate end to end', async () => {
    const keys = await runCli('keygen');
    expect(keys.code).toBe(0);
    const pem = scratchFile('key.pem', keys.json['privateKeyPem'] as string);
    const certificate = scratchFile(
      'certificate.json',
      JSON.stringify({
        id: 'ECERT-CLI-1',
        type: 'lpco',
        issuer: { agencyId: 'TZ-TRA' },
        issuedAt: '2025-03-01T10:00:00Z',
        data: { category: 'permit', title: 'Import permit', holder: { name: 'Chemtrade', country: 'TZ' }, validFrom: '2025-01-01', validUntil: '2025-12-31' },
      }),
    );
    const issued = await runCli('issue', certificate, '--key', pem);
    expect(issued.code, issued.stderr).toBe(0);
    const hidden = await runCli('obfuscate', scratchFile('issued.json', issued.stdout), '--path', 'holder.country');
    expect(hidden.code, hidden.stderr).toBe(0);
    const hiddenFile = scratchFile('hidden.json', hidden.stdout);
    const tampered = scratchFile('tampered-cert.json', hidden.stdout.replace('Import permit', 'Import permix'));
    const [ok, bad, wrongKey] = await Promise.all([
      runCli('verify', hiddenFile, '--public-key', keys.json['publicKey'] as string),
      runCli('verify', tampered, '--public-key', keys.json['publicKey'] as string),
      runCli('verify', hiddenFile, '--public-key', Buffer.alloc(32, 7).toString('base64')),
    ]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.json['hiddenLeaves']).toBe(1);
    expect(bad.code).toBe(1);
    expect(wrongKey.code).toBe(1);
  }, 120_000);
});
