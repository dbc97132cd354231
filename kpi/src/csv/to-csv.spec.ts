import { describe, expect, it } from 'vitest';
import type { MeasurementView } from '../model/measurement';
import { csvField, measurementsCsv, toCsv } from './to-csv';

describe('CSV export', () => {
  it('leaves plain fields bare and writes empty fields for null', () => {
    expect(toCsv(['a', 'b', 'c'], [['x', 1.5, null]])).toBe('a,b,c\r\nx,1.5,\r\n');
  });

  it('quotes fields with commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('"')).toBe('""""');
  });

  it('defuses spreadsheet formulas in text but keeps negative numbers as numbers', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('=HYPERLINK("x", "y")')).toBe(`"'=HYPERLINK(""x"", ""y"")"`);
    expect(csvField(-2.5)).toBe('-2.5');
  });

  it('writes numbers exactly as JavaScript round-trips them', () => {
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(1e21)).toBe('1e+21');
  });

  it('writes one row per measurement with the CI split into two columns', () => {
    const m: MeasurementView = {
      id: 'id-1', initiativeId: 'i', kpi: 'pil-time', value: 44.1, ci95: [41.9, 46.3], n: 30, unit: 's', source: 'simulation', runId: 'run-1',
      iteration: 'prototype #2, "fast lane"', at: '2026-11-20T00:00:00.000Z', note: null, recordedAt: '2026-11-20T00:00:01.000Z', recordedBy: 'sim',
    };
    const [header, row, end] = measurementsCsv([m]).split('\r\n');
    expect(header).toBe('measurement_id,kpi,value,unit,ci95_lo,ci95_hi,n,source,run_id,iteration,at,note,recorded_at,recorded_by');
    expect(row).toBe('id-1,pil-time,44.1,s,41.9,46.3,30,simulation,run-1,"prototype #2, ""fast lane""",2026-11-20T00:00:00.000Z,,2026-11-20T00:00:01.000Z,sim');
    expect(end).toBe('');
  });
});
