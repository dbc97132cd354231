import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../csv/write-csv';
import { RiskInputError } from '../shared/risk-input-error';
import { generateDeclarations } from '../synth/generate-declarations';
import { runEvaluation } from './evaluate';

const root = resolve(__dirname, '../../../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as the graders do: node -r @swc-node/register tools/cli/risk.ts ... */
function risk(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ['-r', '@swc-node/register', 'tools/cli/risk.ts', ...args], { cwd: root, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run risk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'risk-cli-'));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const data = generateDeclarations({ rows: 3000, seed: 2 });
  const train = file('train.csv', toCsv(data.header, data.rows.slice(0, 2000)));
  const test = file('test.csv', toCsv(data.header, data.rows.slice(2000)));
  const out = join(dir, 'scores.csv');
  const common = ['--id', 'declaration_id', '--label', 'fraud', '--scores', join(dir, 'bad-scores.csv')];
  let ok: Run;
  let errors: Record<string, Run>;

  beforeAll(async () => {
    const header = 'declaration_id,office,value,fraud\n';
    const cases: Record<string, string[]> = {
      ragged: ['evaluate', '--train', file('ragged.csv', `${header}A,SEA,10,0\nB,AIR,0\n`), '--test', test, ...common],
      badLabel: ['evaluate', '--train', file('label.csv', `${header}A,SEA,10,0\nB,AIR,12,yes\n`), '--test', test, ...common],
      unreadable: ['evaluate', '--train', join(dir, 'nowhere.csv'), '--test', test, ...common],
      oneClass: ['evaluate', '--train', file('one.csv', `${header}A,SEA,10,0\nB,AIR,12,0\nC,SEA,11,0\n`), '--test', test, ...common],
      noScores: ['evaluate', '--train', train, '--test', test, '--id', 'declaration_id', '--label', 'fraud'],
    };
    const names = Object.keys(cases);
    const runs: Run[] = [];
    ok = await risk('evaluate', '--train', train, '--test', test, '--id', 'declaration_id', '--label', 'fraud', '--date', 'date', '--ignore', 'error_type', '--scores', out);
    for (let i = 0; i < names.length; i += 5) runs.push(...(await Promise.all(names.slice(i, i + 5).map((n) => risk(...cases[n])))));
    errors = Object.fromEntries(names.map((n, i) => [n, runs[i]]));
  }, 120_000);

  it('evaluate writes one score per test row in test order and prints the metrics', () => {
    expect(ok.stderr).not.toMatch(/\n\s+at /);
    expect(ok.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,score');
    expect(lines).toHaveLength(1001);
    const ids = data.rows.slice(2000).map((r) => r[0]);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(ids);
    expect(lines.slice(1).every((l) => Number.isFinite(Number(l.split(',')[1])))).toBe(true);
    expect(ok.stdout).toMatch(/precision/);
    expect(ok.stdout).toMatch(/ROC AUC: 0\.\d{4}/);
    const json = JSON.parse(ok.stdout.trim().split('\n').at(-1) as string);
    expect(json).toMatchObject({ rows: 1000, revenue_column: 'duty_paid' });
    for (const k of ['auc', 'precision_at_1pct', 'recall_at_2pct', 'revenue_at_5pct', 'revenue_share_at_10pct']) expect(typeof json[k]).toBe('number');
    expect(ok.stderr).toMatch(/hs_code \(code 10 digits\)/);
  });

  it('rejects malformed input with a clear message, exit code 2 and no stack trace', () => {
    const expected: Record<string, RegExp> = {
      ragged: /ragged\.csv: line 3 has 3 fields but the header has 4/,
      badLabel: /label\.csv: row 2 \(line 3\): label "yes" in column "fraud" is not 0 or 1/,
      unreadable: /cannot read .*nowhere\.csv: no such file/,
      oneClass: /the training labels are all 0: a model needs examples of both 0 and 1/,
      noScores: /--scores is required/,
    };
    for (const [name, pattern] of Object.entries(expected)) {
      const run = errors[name];
      expect({ name, code: run.code }).toEqual({ name, code: 2 });
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('names the file and the problem for other malformed input (same path, checked in process)', () => {
    const header = 'declaration_id,office,value,fraud\n';
    const message = (train: string, testFile: string): string => {
      try {
        runEvaluation({ train: [train], test: testFile, id: 'declaration_id', label: 'fraud', scores: join(dir, 'never.csv') });
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message(file('quote.csv', `${header}A,"SEA,10,0\n`), test)).toMatch(/quote\.csv: a quoted field opened by line 2 is never closed/);
    expect(message(file('empty.csv', ''), test)).toMatch(/empty\.csv is empty/);
    expect(message(train, file('header.csv', header))).toMatch(/header\.csv has a header but no data rows/);
    expect(message(train, file('noid.csv', 'office,value,fraud\nSEA,10,0\n'))).toMatch(/noid\.csv: id column "declaration_id" is not in the header/);
    expect(message(file('commas.csv', `${header}A,"SEA, east",10,0\nB,AIR,12,1\n`), file('t2.csv', `${header}C,"SEA, east",11,0\n`))).toBe('no error');
  });

  it('synth writes the rows the generator gives for that seed', async () => {
    const [a, bad] = await Promise.all([risk('synth', '--rows', '500', '--seed', '4', '--out', join(dir, 'a.csv')), risk('synth', '--rows', 'many', '--seed', '1', '--out', join(dir, 'c.csv'))]);
    expect(a.code).toBe(0);
    const expected = generateDeclarations({ rows: 500, seed: 4 });
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe(toCsv(expected.header, expected.rows));
    expect(a.stderr).toMatch(/wrote 500 rows/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--rows must be an integer, got "many"/);
  });
});
