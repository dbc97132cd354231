import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../shared/risk-input-error';
import { inferSchema, type Table } from './infer-schema';
import { codeDigits, dateOrderOf, isMissing, normalizeCode, parseDate, parseNumber } from './values';

/** A table of n rows whose columns are produced by functions of the row number. */
function table(n: number, columns: Record<string, (i: number) => string>): Table {
  const header = Object.keys(columns);
  return { header, rows: Array.from({ length: n }, (_, i) => header.map((h) => columns[h](i))) };
}

const HS = ['08045010', '08045020', '08043000', '85171200', '85176200', '61091000', '61102000', '72083900', '39201000', '30049000', '84713000', '87032300'];

describe('reading cell values', () => {
  it('treats empty cells and the usual markers as missing', () => {
    for (const v of ['', '  ', 'NA', 'n/a', 'NULL', 'nan', 'None', '?']) expect(isMissing(v)).toBe(true);
    for (const v of ['0', 'No', 'EC', 'none of them']) expect(isMissing(v)).toBe(false);
  });

  it('parses decimal numbers but not hex, infinities or text', () => {
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber(' -3.5 ')).toBe(-3.5);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('1,234.50')).toBe(1234.5);
    expect(parseNumber('.5')).toBe(0.5);
    for (const v of ['0x1F', 'Infinity', '-Infinity', '12abc', '', '1,2']) expect(parseNumber(v)).toBeNaN();
  });

  it('reads ISO and day-first dates, month-first when asked', () => {
    expect(parseDate('2024-03-05')).toBe(Date.UTC(2024, 2, 5));
    expect(parseDate('2024-03-05T10:30:00Z')).toBe(Date.UTC(2024, 2, 5, 10, 30));
    expect(parseDate('05/03/2024')).toBe(Date.UTC(2024, 2, 5));
    expect(parseDate('03/05/2024', 'mdy')).toBe(Date.UTC(2024, 2, 5));
    expect(parseDate('17-01-02', 'ymd')).toBe(Date.UTC(2017, 0, 2));
    expect(parseDate('05-MAR-2024')).toBe(Date.UTC(2024, 2, 5));
    expect(parseDate('Mar 5, 2024')).toBe(Date.UTC(2024, 2, 5));
    expect(parseDate('20240305')).toBe(Date.UTC(2024, 2, 5));
    expect(dateOrderOf(['17-01-02', '17-01-03', '17-02-15', '18-03-30'])).toBe('ymd');
    expect(dateOrderOf(['01/02/2020', '03/25/2020'])).toBe('mdy');
    expect(parseDate('2024-02-30')).toBeNaN();
    expect(parseDate('soon')).toBeNaN();
  });

  it('reads codes written with dots and restores a dropped leading zero', () => {
    expect(codeDigits('0804.50.10')).toBe('08045010');
    expect(codeDigits('0804 50')).toBe('080450');
    expect(codeDigits('A804')).toBeNull();
    expect(normalizeCode('8045010', 8)).toBe('08045010');
  });
});

describe('inferring a schema from values alone', () => {
  const data = table(600, {
    decl_no: (i) => `D${Math.floor(i / 2)}`,
    item_ref: (i) => `ITEM-${i}`,
    when: (i) => new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 4) * 86_400_000).toISOString().slice(0, 10),
    tariff: (i) => HS[i % HS.length].replace(/^0/, ''),
    origin: (i) => ['EC', 'CN', 'US', 'DE'][i % 4],
    lane: (i) => String(1 + (i % 3)),
    importer_id: (i) => String(100 + (i % 40)),
    weight: (i) => (10 + ((i * 7919) % 1000) / 7).toFixed(2),
    paid: (i) => (Math.exp(((i * 37) % 100) / 15) + 1).toFixed(2),
    dotted: (i) => HS[(i * 5) % HS.length].replace(/^(\d{4})(\d{2})(\d{2})$/, '$1.$2.$3'),
    goods: (i) => ['fresh avocados in boxes', 'mobile phones with chargers', 'cotton t-shirts for men', 'steel coils hot rolled'][i % 4] + ` lot ${i % 37}`,
    note: () => 'same',
    empty: () => '',
    flag: (i) => String(i % 2),
  });
  const schema = inferSchema(data, { label: 'flag', id: 'item_ref', date: 'when' });
  const kind = (name: string): string | undefined => schema.columns.find((c) => c.name === name)?.kind;

  it('never uses the label, the id or the date as a feature', () => {
    expect(schema.columns.map((c) => c.name)).not.toContain('flag');
    expect(schema.columns.map((c) => c.name)).not.toContain('item_ref');
    expect(schema.columns.map((c) => c.name)).not.toContain('when');
    expect(schema.date).toBe('when');
  });

  it('sees an 8-digit tariff code as a hierarchy even when spreadsheets dropped its leading zero', () => {
    expect(schema.columns.find((c) => c.name === 'tariff')).toEqual({ name: 'tariff', kind: 'code', codeLength: 8, levels: [2, 4, 6] });
  });

  it('reads amounts with decimals as numbers, not codes, and dotted codes as codes', () => {
    expect(kind('paid')).toBe('numeric');
    expect(schema.columns.find((c) => c.name === 'dotted')).toMatchObject({ kind: 'code', codeLength: 8 });
  });

  it('keeps measurements numeric and numbers with few values or id names categorical too', () => {
    expect(schema.columns.find((c) => c.name === 'weight')).toEqual({ name: 'weight', kind: 'numeric', hint: 'mass' });
    expect(schema.columns.find((c) => c.name === 'lane')).toEqual({ name: 'lane', kind: 'numeric', categorical: true });
    expect(schema.columns.find((c) => c.name === 'importer_id')).toMatchObject({ kind: 'numeric', categorical: true });
  });

  it('tells categories from free text', () => {
    expect(kind('origin')).toBe('categorical');
    expect(kind('goods')).toBe('text');
  });

  it('ignores identifiers, constants and empty columns, and keeps a declaration number as the fold group', () => {
    expect(schema.ignored.map((c) => c.name).sort()).toEqual(['decl_no', 'empty', 'note']);
    expect(schema.group).toBe('decl_no');
  });

  it('drops columns on request', () => {
    const s = inferSchema(data, { label: 'flag', ignore: ['origin', 'weight'] });
    expect(s.columns.map((c) => c.name)).not.toContain('origin');
    expect(s.ignored).toContainEqual({ name: 'weight', reason: 'ignored on request' });
  });

  it('names a missing label, id, date or ignored column', () => {
    const msg = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        return (e as Error).message;
      }
      return '';
    };
    expect(msg(() => inferSchema(data, { label: 'fraud' }))).toMatch(/^label column "fraud" is not in the file/);
    expect(msg(() => inferSchema(data, { label: 'flag', id: 'nope' }))).toMatch(/^id column "nope"/);
    expect(msg(() => inferSchema(data, { label: 'flag', date: 'nope' }))).toMatch(/^date column "nope"/);
    expect(msg(() => inferSchema(data, { label: 'flag', ignore: ['nope'] }))).toMatch(/^--ignore column "nope"/);
  });

  it('learns without time order when the date column cannot be read', () => {
    const s = inferSchema(data, { label: 'flag', date: 'origin' });
    expect(s.date).toBeUndefined();
    expect(s.ignored).toContainEqual({ name: 'origin', reason: 'not readable as dates (600 of 600 values), so rows are not ordered in time' });
  });
});
