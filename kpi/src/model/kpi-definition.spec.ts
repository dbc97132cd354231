import { describe, expect, it } from 'vitest';
import { InputReader } from './input-reader';
import { readKpiDefinition, readKpiPatch, type KpiDefinition } from './kpi-definition';

function read(input: unknown) {
  const r = new InputReader();
  const kpi = readKpiDefinition(r, input);
  return { kpi, fields: r.errors.map((e) => e.field) };
}

const pil = { key: 'pil-time', name: 'PIL time', unit: 's', direction: 'lower', baseline: { value: 90, source: 'study' }, targets: { prototype: 60, pilot: 45, production: 45 } };

describe('KPI definitions', () => {
  it('reads a complete definition', () => {
    expect(read(pil)).toEqual({ kpi: { ...pil, direction: 'lower', description: null }, fields: [] });
  });

  it('defaults the name to the key, accepts readable direction aliases and a bare baseline number', () => {
    expect(read({ key: 'hit_rate', unit: '%', direction: 'higher-is-better', baseline: 20 }).kpi).toEqual({
      key: 'hit_rate', name: 'hit_rate', unit: '%', direction: 'higher', baseline: { value: 20, source: null }, targets: {}, description: null,
    });
  });

  it('allows equal targets from phase to phase and a target equal to the baseline', () => {
    expect(read({ ...pil, targets: { prototype: 90, pilot: 45, production: 45 } }).fields).toEqual([]);
  });

  it.each([
    ['a lower-is-better pilot target above the prototype target', { ...pil, targets: { prototype: 40, pilot: 50 } }, 'targets.pilot'],
    ['a lower-is-better target above the baseline', { ...pil, targets: { pilot: 91 } }, 'targets.pilot'],
    ['a lower-is-better production target above the pilot one, skipping prototype', { ...pil, targets: { pilot: 40, production: 41 } }, 'targets.production'],
    ['a higher-is-better target below the baseline', { ...pil, direction: 'higher', baseline: { value: 38 }, targets: { pilot: 30 } }, 'targets.pilot'],
    ['a higher-is-better pilot target below the prototype one', { ...pil, direction: 'higher', baseline: null, targets: { prototype: 50, pilot: 45 } }, 'targets.pilot'],
    ['a target for poc', { ...pil, targets: { poc: 80 } }, 'targets.poc'],
    ['a target for stopped', { ...pil, targets: { stopped: 80 } }, 'targets.stopped'],
    ['an infinite target', { ...pil, targets: { pilot: Infinity } }, 'targets.pilot'],
    ['a string target', { ...pil, targets: { pilot: '45' } }, 'targets.pilot'],
    ['an upper-case key', { ...pil, key: 'PIL' }, 'key'],
    ['a key with spaces', { ...pil, key: 'pil time' }, 'key'],
    ['no unit', { ...pil, unit: '' }, 'unit'],
    ['no direction', { ...pil, direction: undefined }, 'direction'],
    ['a NaN baseline', { ...pil, baseline: { value: Number.NaN } }, 'baseline.value'],
    ['an unknown field', { ...pil, weight: 2 }, 'weight'],
  ])('rejects %s', (_name, input, field) => {
    const { kpi, fields } = read(input);
    expect(fields).toContain(field);
    expect(kpi).toBeUndefined();
  });

  it('names fields under a prefix when read inside an initiative', () => {
    const r = new InputReader();
    readKpiDefinition(r, { ...pil, targets: { pilot: 95 } }, 'kpis[2].');
    expect(r.errors[0].field).toBe('kpis[2].targets.pilot');
    expect(r.errors[0].message).toContain('baseline (90)');
  });
});

describe('KPI changes', () => {
  const current: KpiDefinition = { key: 'pil-time', name: 'PIL', unit: 's', direction: 'lower', baseline: { value: 90, source: null }, targets: { pilot: 45 }, description: null };

  it('changes targets and baseline, checking them against the direction', () => {
    const r = new InputReader();
    expect(readKpiPatch(r, { targets: { prototype: 60, pilot: 40 }, baseline: { value: 95, source: 'new study' } }, current)).toMatchObject({ targets: { prototype: 60, pilot: 40 }, baseline: { value: 95 } });
    const bad = new InputReader();
    expect(readKpiPatch(bad, { baseline: { value: 40 } }, current)).toBeUndefined();
    expect(bad.errors.map((e) => e.field)).toEqual(['targets.pilot']);
  });

  it('refuses to change key, unit or direction', () => {
    const r = new InputReader();
    readKpiPatch(r, { unit: 'min', direction: 'higher' }, current);
    expect(r.errors.map((e) => e.field)).toEqual(['unit', 'direction']);
  });
});
