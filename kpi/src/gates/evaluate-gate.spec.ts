import { describe, expect, it } from 'vitest';
import type { KpiDefinition } from '../model/kpi-definition';
import { conservativeBound, evaluateGate, meetsTarget, type GateMeasurement } from './evaluate-gate';

const kpi = (key: string, direction: 'lower' | 'higher', targets: KpiDefinition['targets']): KpiDefinition => ({
  key, name: key, unit: 'x', direction, baseline: null, targets, description: null,
});
let sequence = 0;
const measured = (value: number, ci95: [number, number] | null = null, runId: string | null = null): GateMeasurement => ({
  id: `m${++sequence}`, value, ci95, n: ci95 ? 30 : null, source: runId ? 'simulation' : 'manual', runId, iteration: null, at: '2026-11-20T00:00:00.000Z',
});

describe('conservative CI bounds', () => {
  it('judges a lower-is-better KPI by its upper bound and a higher-is-better one by its lower bound', () => {
    expect(conservativeBound('lower', 44, [40, 48])).toBe(48);
    expect(conservativeBound('higher', 44, [40, 48])).toBe(40);
    expect(conservativeBound('lower', 44, null)).toBe(44);
  });

  it('fails a point value that meets the target when the CI reaches past it', () => {
    expect(meetsTarget('lower', 45, { value: 44, ci95: [40, 48] })).toMatchObject({ met: false, bound: 48 });
    expect(meetsTarget('higher', 45, { value: 46, ci95: [44, 48] })).toMatchObject({ met: false, bound: 44 });
    expect(meetsTarget('lower', 45, { value: 44, ci95: [40, 48] }).reason).toContain('upper bound 48');
  });

  it('passes when the whole CI is on the right side of the target', () => {
    expect(meetsTarget('lower', 45, { value: 42, ci95: [39, 45] })).toMatchObject({ met: true, bound: 45 });
    expect(meetsTarget('higher', 45, { value: 48, ci95: [45, 51] })).toMatchObject({ met: true, bound: 45 });
  });

  it('ignores the favourable end of the CI', () => {
    // A lower-is-better KPI whose lower bound dips below the target but value and upper bound are above it.
    expect(meetsTarget('lower', 45, { value: 50, ci95: [30, 55] }).met).toBe(false);
    expect(meetsTarget('higher', 45, { value: 50, ci95: [46, 80] }).met).toBe(true);
  });
});

describe('directions and ties', () => {
  it('counts reaching the target exactly as meeting it, both ways', () => {
    expect(meetsTarget('lower', 45, { value: 45, ci95: null }).met).toBe(true);
    expect(meetsTarget('higher', 45, { value: 45, ci95: null }).met).toBe(true);
    expect(meetsTarget('lower', 45, { value: 45, ci95: [45, 45] }).met).toBe(true);
  });

  it('misses by the smallest step the wrong way', () => {
    expect(meetsTarget('lower', 45, { value: 45.000001, ci95: null }).met).toBe(false);
    expect(meetsTarget('higher', 45, { value: 44.999999, ci95: null }).met).toBe(false);
  });

  it('handles negative and zero targets', () => {
    expect(meetsTarget('lower', 0, { value: -1, ci95: [-2, 0] }).met).toBe(true);
    expect(meetsTarget('higher', -5, { value: -4, ci95: [-6, -3] }).met).toBe(false);
  });
});

describe('evaluateGate', () => {
  const kpis = [kpi('pil-time', 'lower', { prototype: 60, pilot: 45 }), kpi('throughput', 'higher', { pilot: 45 }), kpi('wait', 'lower', { production: 10 })];

  it('judges only the KPIs with a target for the next phase, in definition order', () => {
    const gate = evaluateGate('prototype', kpis, new Map([['pil-time', measured(44)], ['throughput', measured(50)], ['wait', measured(99)]]));
    expect(gate).toMatchObject({ phase: 'prototype', next: 'pilot', ready: true, met: 2, total: 2 });
    expect(gate.criteria.map((c) => c.kpi)).toEqual(['pil-time', 'throughput']);
  });

  it('is not ready while a targeted KPI has no measurement', () => {
    const gate = evaluateGate('prototype', kpis, new Map([['pil-time', measured(40)]]));
    expect(gate).toMatchObject({ ready: false, met: 1, total: 2 });
    expect(gate.criteria[1]).toMatchObject({ kpi: 'throughput', value: null, ci95: null, bound: null, met: false, reason: 'no measurement yet', evidence: null });
  });

  it('is not ready when no KPI has a target for the next phase', () => {
    expect(evaluateGate('poc', [kpi('wait', 'lower', { production: 10 })], new Map())).toMatchObject({ next: 'prototype', ready: false, total: 0, criteria: [] });
    expect(evaluateGate('poc', [], new Map())).toMatchObject({ ready: false, total: 0 });
  });

  it('has no next gate in production or once stopped', () => {
    expect(evaluateGate('production', kpis, new Map())).toMatchObject({ next: null, ready: false, criteria: [] });
    expect(evaluateGate('stopped', kpis, new Map())).toMatchObject({ next: null, ready: false, criteria: [] });
  });

  it('keeps the evidence: the measurement id and the distinct run ids behind the criteria', () => {
    const a = measured(44, [42, 45], 'run-1');
    const b = measured(50, [46, 54], 'run-1');
    const gate = evaluateGate('prototype', kpis, new Map([['pil-time', a], ['throughput', b]]));
    expect(gate.criteria[0].evidence).toEqual({ measurementId: a.id, source: 'simulation', runId: 'run-1', iteration: null, at: a.at });
    expect(gate.runIds).toEqual(['run-1']);
  });

  it('uses the conservative bound at the gate', () => {
    const gate = evaluateGate('poc', kpis, new Map([['pil-time', measured(58, [52, 64])]]));
    expect(gate.criteria[0]).toMatchObject({ value: 58, bound: 64, met: false });
    expect(gate.ready).toBe(false);
  });
});
