import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../shared/risk-input-error';
import { parseCsv, readCsvFile } from './read-csv';
import { csvLine, toCsv } from './write-csv';

function error(fn: () => unknown): RiskInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RiskInputError) return e;
    throw e;
  }
  throw new Error('expected a RiskInputError');
}

describe('reading CSV', () => {
  it('keeps commas, quotes and line breaks inside quoted fields', () => {
    const table = parseCsv('id,description,value\n1,"bananas, fresh",10\n2,"12"" pipes",20\n3,"two\nlines",30\n');
    expect(table.header).toEqual(['id', 'description', 'value']);
    expect(table.rows).toEqual([
      ['1', 'bananas, fresh', '10'],
      ['2', '12" pipes', '20'],
      ['3', 'two\nlines', '30'],
    ]);
  });

  it('accepts a byte-order mark, CRLF line ends and blank lines', () => {
    const table = parseCsv('\ufeffa,b\r\n1,2\r\n\r\n3,4\r\n');
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows).toEqual([['1', '2'], ['3', '4']]);
  });

  it('detects semicolon and tab delimiters from the header', () => {
    expect(parseCsv('a;b\n1,5;2\n').rows).toEqual([['1,5', '2']]);
    expect(parseCsv('a\tb\n1\t2\n').rows).toEqual([['1', '2']]);
  });

  it('names the line of a ragged row', () => {
    expect(error(() => parseCsv('a,b,c\n1,2,3\n4,5\n', 'x.csv')).message).toBe('x.csv: line 3 has 2 fields but the header has 3');
  });

  it('explains broken quoting', () => {
    expect(error(() => parseCsv('a,b\n1,"open\n', 'x.csv')).message).toMatch(/^x\.csv: a quoted field opened by line 2 is never closed/);
    expect(error(() => parseCsv('a,b\n1,"2"x\n', 'x.csv')).message).toMatch(/^x\.csv: line 2: a closing quote is followed by other characters/);
    expect(error(() => parseCsv('a,b\n1,x"y"\n', 'x.csv')).message).toMatch(/^x\.csv: line 2: a quote appears inside an unquoted field/);
  });

  it('refuses empty files, a header without rows, unnamed and repeated columns', () => {
    expect(error(() => parseCsv('', 'e.csv')).message).toBe('e.csv is empty');
    expect(error(() => parseCsv('  \n\n', 'e.csv')).message).toBe('e.csv is empty');
    expect(error(() => parseCsv('a,b\n', 'h.csv')).message).toBe('h.csv has a header but no data rows');
    expect(parseCsv('a,b\n', 'h.csv', { allowEmpty: true }).rows).toEqual([]);
    expect(error(() => parseCsv('a,,c\n1,2,3\n', 'u.csv')).message).toBe('u.csv: column 2 of the header has no name');
    expect(error(() => parseCsv('a,b,a\n1,2,3\n', 'd.csv')).message).toBe('d.csv: column "a" appears twice in the header');
  });

  it('reports a file that cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'risk-csv-'));
    expect(error(() => readCsvFile(join(dir, 'missing.csv'))).message).toBe(`cannot read ${join(dir, 'missing.csv')}: no such file`);
    expect(error(() => readCsvFile(dir)).message).toBe(`cannot read ${dir}: it is a directory`);
    writeFileSync(join(dir, 'ok.csv'), 'a\n1\n');
    expect(readCsvFile(join(dir, 'ok.csv')).rows).toEqual([['1']]);
  });

  it('writes what it reads back unchanged', () => {
    const header = ['id', 'text'];
    const rows = [['1', 'plain'], ['2', 'with, comma'], ['3', 'with "quotes"'], ['4', ' padded ']];
    expect(csvLine(['a,b', 'c'])).toBe('"a,b",c');
    expect(parseCsv(toCsv(header, rows))).toEqual({ header, rows });
  });
});
