import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../csv/write-csv';
import { generateDeclarations, SYNTH_HEADER } from './generate-declarations';

const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('synthetic declarations', () => {
  const { header, rows } = generateDeclarations({ rows: 20_000, seed: 5 });
  const col = (name: string): number => header.indexOf(name);

  it('is the same for the same seed and different for another', () => {
    const again = generateDeclarations({ rows: 20_000, seed: 5 });
    const other = generateDeclarations({ rows: 20_000, seed: 6 });
    expect(hash(toCsv(again.header, again.rows))).toBe(hash(toCsv(header, rows)));
    expect(hash(toCsv(other.header, other.rows))).not.toBe(hash(toCsv(header, rows)));
  });

  it('has one goods item per row with the documented columns, in date order', () => {
    expect(header).toEqual([...SYNTH_HEADER]);
    expect(rows).toHaveLength(20_000);
    const dates = rows.map((r) => r[col('date')]);
    expect([...dates].sort()).toEqual(dates);
    expect(rows.every((r) => /^\d{10}$/.test(r[col('hs_code')]) && /^[A-Z]{2}$/.test(r[col('origin')]))).toBe(true);
  });

  it('labels 2-8% of items, with an error type exactly when labelled', () => {
    const positives = rows.filter((r) => r[col('fraud')] === '1');
    expect(positives.length / rows.length).toBeGreaterThan(0.02);
    expect(positives.length / rows.length).toBeLessThan(0.08);
    expect(rows.every((r) => (r[col('fraud')] === '1') === (r[col('error_type')] !== ''))).toBe(true);
    const types = new Set(positives.map((r) => r[col('error_type')]));
    for (const t of ['misclassification', 'undervaluation', 'split_shipment']) expect(types).toContain(t);
  });

  it('has a realistic chapter mix and importers with many phones', () => {
    const chapter = (r: string[]): string => r[col('hs_code')].slice(0, 2);
    const machinery = rows.filter((r) => chapter(r) === '84' || chapter(r) === '85').length / rows.length;
    expect(machinery).toBeGreaterThan(0.15);
    expect(rows.some((r) => chapter(r).startsWith('0'))).toBe(true);
    const phones = new Map<string, Set<string>>();
    for (const r of rows) {
      const set = phones.get(r[col('importer')]) ?? new Set<string>();
      if (r[col('importer_phone')] !== '') set.add(r[col('importer_phone')]);
      phones.set(r[col('importer')], set);
    }
    expect([...phones.values()].filter((s) => s.size >= 4).length).toBeGreaterThan(3);
  });
});
