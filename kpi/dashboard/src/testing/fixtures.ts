import type { Criterion, Gate, InitiativeSummary, InitiativeView, KpiView, Measurement } from '../api/types';

/** Shapes as the API returns them (see apps/corridor/openapi.json), with sensible defaults. */
export function measurement(overrides: Partial<Measurement> = {}): Measurement {
  return {
    id: 'm-1', initiativeId: 'i-1', kpi: 'pil-time', value: 47, ci95: [43, 51], n: 60, unit: 's', source: 'manual', runId: null,
    iteration: 'prototype iteration 2', at: '2026-11-20T17:00:00.000Z', note: null, recordedAt: '2026-11-20T17:00:00.000Z', recordedBy: 'manager-1',
    ...overrides,
  };
}

export function kpi(overrides: Partial<KpiView> = {}): KpiView {
  return {
    key: 'pil-time', name: 'Trusted-truck PIL processing time', unit: 's', direction: 'lower', baseline: { value: 90, source: 'timing study' },
    targets: { pilot: 45, production: 45 }, description: null, latest: measurement(), changeFromBaseline: -0.4778, nextTarget: 45, createdAt: '2026-09-01T00:00:00.000Z',
    ...overrides,
  };
}

export function summary(overrides: Partial<InitiativeSummary> = {}): InitiativeSummary {
  return {
    id: '5ec0c0de-c0de-4c0d-8c0d-5ec0c0de0001', name: 'Secure Corridor: trusted-trader PIL', description: 'RFID and plate readers at the PIL', owner: 'secure-corridor-programme',
    phase: 'prototype', phaseStartedAt: '2026-09-01T00:00:00.000Z',
    schedule: { daysInPhase: 75, plannedDays: { min: 90, max: 180 }, progress: 0.417, status: 'on-plan' },
    daysInPhase: 75, plannedDays: { min: 90, max: 180 }, gate: { next: 'pilot', ready: false, met: 3, total: 5 }, kpiCount: 5,
    createdAt: '2026-07-01T00:00:00.000Z', updatedAt: '2026-11-20T00:00:00.000Z',
    ...overrides,
  };
}

export function view(overrides: Partial<InitiativeView> = {}): InitiativeView {
  return {
    ...summary(),
    createdBy: 'seed', plan: {},
    phaseHistory: [
      { phase: 'poc', startedAt: '2026-07-01T00:00:00.000Z', endedAt: '2026-09-01T00:00:00.000Z', plannedDays: { min: 30, max: 90 }, days: 62, decisionId: null },
      { phase: 'prototype', startedAt: '2026-09-01T00:00:00.000Z', endedAt: null, plannedDays: { min: 90, max: 180 }, days: 75, decisionId: null },
    ],
    kpis: [kpi()],
    ...overrides,
  };
}

export function criterion(overrides: Partial<Criterion> = {}): Criterion {
  return {
    kpi: 'pil-time', name: 'Trusted-truck PIL processing time', unit: 's', direction: 'lower', target: 45, value: 47, ci95: [43, 51], n: 60, bound: 51, met: false,
    reason: 'value 47 misses the target (at most 45)',
    evidence: { measurementId: 'm-1', source: 'manual', runId: null, iteration: 'prototype iteration 2', at: '2026-11-20T17:00:00.000Z' },
    ...overrides,
  };
}

export function gate(overrides: Partial<Gate> = {}): Gate {
  return { phase: 'prototype', next: 'pilot', ready: false, met: 0, total: 1, criteria: [criterion()], runIds: [], ...overrides };
}

/** `count` measurements a day apart, ending on 2026-11-20, wobbling around `around`. */
export function series(count: number, around = 50, kpiKey = 'pil-time'): Measurement[] {
  const end = Date.parse('2026-11-20T12:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const value = Math.round((around + 6 * Math.sin(i / 5)) * 10) / 10;
    return measurement({ id: `m-${i}`, kpi: kpiKey, value, ci95: [value - 3, value + 3], at: new Date(end - (count - 1 - i) * 3_600_000 * 6).toISOString() });
  });
}
