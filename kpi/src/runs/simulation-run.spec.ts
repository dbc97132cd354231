import { describe, expect, it } from 'vitest';
import { InvalidFieldsError } from '@corridor/domain';
import type { KpiDefinition } from '../model/kpi-definition';
import { readSimulationRun, runHash, runMeasurements } from './simulation-run';

const kpis = new Map<string, KpiDefinition>([['pil-time', { key: 'pil-time', name: 'PIL', unit: 's', direction: 'lower', baseline: null, targets: {}, description: null }]]);
const run = { runId: 'sim-1', scenario: 'secure-corridor', kpis: { 'pil-time': { mean: 44, ci95: [42, 46], unit: 's', n: 30 }, queue: { mean: 3 } } };

describe('simulation runs', () => {
  it('turns the KPIs the initiative defines into simulation measurements and reports the rest', () => {
    const { measurements, unmatched } = runMeasurements(readSimulationRun(run), kpis, '2026-11-25T00:00:00.000Z');
    expect(measurements).toEqual([{ kpi: 'pil-time', value: 44, ci95: [42, 46], n: 30, source: 'simulation', runId: 'sim-1', iteration: null, at: '2026-11-25T00:00:00.000Z', note: 'scenario secure-corridor' }]);
    expect(unmatched).toEqual(['queue']);
  });

  it('accepts the simulator\'s own interval shape, using [lower, upper] as the 95% CI', () => {
    const parsed = readSimulationRun({ ...run, replications: 30, seed: 7, kpis: { 'pil-time': { n: 30, mean: 44, sd: 5.9, halfWidth: 2.2, lower: 41.8, upper: 46.2, level: 0.95, unit: 's' } } });
    expect(parsed.kpis['pil-time']).toMatchObject({ mean: 44, ci95: [41.8, 46.2], n: 30, sd: 5.9 });
    expect(parsed.meta).toEqual({ replications: 30, seed: 7 });
    expect(() => readSimulationRun({ ...run, kpis: { x: { mean: 1, lower: 0, upper: 2, level: 0.9 } } })).toThrow(InvalidFieldsError);
    expect(() => readSimulationRun({ ...run, kpis: { x: { mean: 1, n: 1, lower: Number.NaN, upper: Number.NaN } } })).toThrow(InvalidFieldsError);
  });

  it('refuses a unit that differs from the KPI\'s', () => {
    const bad = readSimulationRun({ ...run, kpis: { 'pil-time': { mean: 0.7, unit: 'min' } } });
    expect(() => runMeasurements(bad, kpis, '2026-11-25T00:00:00.000Z')).toThrow(InvalidFieldsError);
  });

  it('fingerprints a run independently of key order', () => {
    const reordered = { kpis: { queue: { mean: 3 }, 'pil-time': { n: 30, unit: 's', ci95: [42, 46], mean: 44 } }, scenario: 'secure-corridor', runId: 'sim-1' };
    expect(runHash(readSimulationRun(reordered))).toBe(runHash(readSimulationRun(run)));
    expect(runHash(readSimulationRun({ ...run, scenario: 'other' }))).not.toBe(runHash(readSimulationRun(run)));
  });

  it.each([
    ['a CI not containing the mean', { ...run, kpis: { x: { mean: 5, ci95: [6, 7] } } }, 'kpis.x.ci95'],
    ['an infinite mean', { ...run, kpis: { x: { mean: Infinity } } }, 'kpis.x.mean'],
    ['NaN deep in the series', { ...run, series: [{ t: 0, q: [1, Number.NaN] }] }, 'series[0].q[1]'],
    ['a bad run id', { ...run, runId: 'a b' }, 'runId'],
    ['an initiative id that is not a UUID', { ...run, initiativeId: '42' }, 'initiativeId'],
    ['a series that is not an array', { ...run, series: { t: 1 } }, 'series'],
  ])('rejects %s', (_name, input, field) => {
    try {
      readSimulationRun(input);
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidFieldsError).errors.map((e) => e.field)).toContain(field);
    }
  });
});
