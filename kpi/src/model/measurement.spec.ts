import { describe, expect, it } from 'vitest';
import { InvalidFieldsError } from '@corridor/domain';
import type { KpiDefinition } from './kpi-definition';
import { readMeasurements } from './measurement';

const kpis = new Map<string, KpiDefinition>([
  ['pil-time', { key: 'pil-time', name: 'PIL', unit: 's', direction: 'lower', baseline: null, targets: {}, description: null }],
  ['hit-rate', { key: 'hit-rate', name: 'Hit rate', unit: '%', direction: 'higher', baseline: null, targets: {}, description: null }],
]);
const now = new Date('2026-11-25T12:00:00Z');

function fieldsOf(input: unknown): string[] {
  try {
    readMeasurements(input, kpis, now);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidFieldsError)) throw error;
    return error.errors.map((e) => e.field);
  }
}

describe('measurements', () => {
  it('reads one measurement, defaulting the source to manual and the time to now', () => {
    expect(readMeasurements({ kpi: 'pil-time', value: 47, ci95: [43, 51], n: 60, unit: 's' }, kpis, now)).toEqual({
      batch: false,
      items: [{ kpi: 'pil-time', value: 47, ci95: [43, 51], n: 60, source: 'manual', runId: null, iteration: null, at: now.toISOString(), note: null }],
    });
  });

  it('reads a batch and says so', () => {
    const { items, batch } = readMeasurements([{ kpi: 'pil-time', value: 47 }, { kpi: 'hit-rate', value: 22, source: 'live' }], kpis, now);
    expect(batch).toBe(true);
    expect(items.map((m) => m.kpi)).toEqual(['pil-time', 'hit-rate']);
  });

  it('accepts time, timestamp and run as other names for at and runId, reporting errors under the name used', () => {
    const { items } = readMeasurements({ kpi: 'pil-time', value: 47, time: '2026-11-20T10:00:00Z', run: 'sim-9' }, kpis, now);
    expect(items[0]).toMatchObject({ at: '2026-11-20T10:00:00.000Z', runId: 'sim-9' });
    expect(fieldsOf({ kpi: 'pil-time', value: 47, timestamp: 'noon' })).toEqual(['timestamp']);
    expect(fieldsOf({ kpi: 'pil-time', value: 47, at: '2026-11-20T10:00:00Z', time: '2026-11-20T10:00:00Z' })).toEqual(['time']);
  });

  it('accepts a CI whose bound equals the value (a tie is inside)', () => {
    expect(fieldsOf({ kpi: 'pil-time', value: 47, ci95: [47, 47] })).toEqual([]);
  });

  it.each([
    ['an unknown KPI key', { kpi: 'pil', value: 1 }, ['kpi']],
    ['a unit other than the KPI\'s', { kpi: 'pil-time', value: 1, unit: 'ms' }, ['unit']],
    ['"NaN"', { kpi: 'pil-time', value: 'NaN' }, ['value']],
    ['"Infinity"', { kpi: 'pil-time', value: 'Infinity' }, ['value']],
    ['Infinity (as 1e999 parses)', { kpi: 'pil-time', value: Infinity }, ['value']],
    ['-Infinity', { kpi: 'pil-time', value: -Infinity }, ['value']],
    ['NaN', { kpi: 'pil-time', value: Number.NaN }, ['value']],
    ['a CI with lo > hi', { kpi: 'pil-time', value: 50, ci95: [55, 45] }, ['ci95']],
    ['a CI above the value', { kpi: 'pil-time', value: 50, ci95: [51, 55] }, ['ci95']],
    ['a CI below the value', { kpi: 'pil-time', value: 50, ci95: [40, 49] }, ['ci95']],
    ['a CI with NaN', { kpi: 'pil-time', value: 50, ci95: [Number.NaN, 55] }, ['ci95[0]']],
    ['a CI as an object', { kpi: 'pil-time', value: 50, ci95: { lo: 1, hi: 2 } }, ['ci95']],
    ['n = 0', { kpi: 'pil-time', value: 50, n: 0 }, ['n']],
    ['a future time', { kpi: 'pil-time', value: 50, at: '2027-01-01T00:00:00Z' }, ['at']],
    ['several problems at once', { kpi: 'nope', value: 'x', source: 'guess' }, ['kpi', 'value', 'source']],
    ['a bad element of a batch', [{ kpi: 'pil-time', value: 1 }, { kpi: 'pil-time', value: 2, unit: 'min' }], ['[1].unit']],
    ['a non-object element of a batch', [{ kpi: 'pil-time', value: 1 }, 5], ['[1]']],
    ['an empty batch', [], ['body']],
    ['null', null, ['body']],
  ])('rejects %s', (_name, input, fields) => {
    expect(fieldsOf(input)).toEqual(fields);
  });
});
