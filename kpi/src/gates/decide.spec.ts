import { describe, expect, it } from 'vitest';
import { DomainError } from '@corridor/domain';
import { decide, readDecision } from './decide';
import type { GateEvaluation } from './evaluate-gate';

const gate = (phase: GateEvaluation['phase'], ready: boolean, next: GateEvaluation['next'] = 'pilot'): GateEvaluation => ({
  phase, next, ready, met: ready ? 1 : 0, total: 1, runIds: [],
  criteria: [{ kpi: 'pil-time', name: 'PIL', unit: 's', direction: 'lower', target: 45, value: 50, ci95: null, n: null, bound: 50, met: ready, reason: 'value 50 misses the target (at most 45)', evidence: null }],
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? `${error.kind}:${error.code}:${error.field ?? ''}` : String(error);
  }
  return undefined;
}

describe('gate decisions', () => {
  it('moves on a go when the gate is ready', () => {
    expect(decide(gate('prototype', true), readDecision({ decision: 'go' }))).toEqual({ from: 'prototype', to: 'pilot', override: false });
  });

  it('refuses a go when the gate is not ready, naming what is missing', () => {
    expect(codeOf(() => decide(gate('prototype', false), readDecision({ decision: 'go', note: 'please' })))).toBe('conflict:KPI.GATE_NOT_READY:');
    try {
      decide(gate('prototype', false), readDecision({ decision: 'go' }));
    } catch (error) {
      expect((error as Error).message).toContain('pil-time: value 50 misses the target');
    }
  });

  it('lets an override through only with a note, and records it as one', () => {
    expect(codeOf(() => readDecision({ decision: 'go', override: true }))).toBe('invalid:KPI.INVALID_DECISION:note');
    expect(decide(gate('prototype', false), readDecision({ decision: 'go', override: true, note: 'ministerial direction' }))).toEqual({ from: 'prototype', to: 'pilot', override: true });
    // An override on a ready gate is no override.
    expect(decide(gate('prototype', true), readDecision({ decision: 'go', override: true, note: 'x' })).override).toBe(false);
  });

  it('reads no_go and NoGo as no-go', () => {
    expect(readDecision({ decision: 'no_go' }).decision).toBe('no-go');
    expect(readDecision({ decision: 'NoGo' }).decision).toBe('no-go');
  });

  it('records a no-go without moving, or stops the initiative', () => {
    expect(decide(gate('pilot', true, 'production'), readDecision({ decision: 'no-go' }))).toEqual({ from: 'pilot', to: null, override: false });
    expect(decide(gate('pilot', false, 'production'), readDecision({ decision: 'no-go', stop: true }))).toEqual({ from: 'pilot', to: 'stopped', override: false });
  });

  it('has nowhere to go from production and nothing to decide once stopped', () => {
    expect(codeOf(() => decide(gate('production', false, null), readDecision({ decision: 'go', override: true, note: 'x' })))).toBe('conflict:KPI.NO_NEXT_PHASE:');
    expect(codeOf(() => decide(gate('stopped', false, null), readDecision({ decision: 'no-go' })))).toBe('conflict:KPI.INITIATIVE_STOPPED:');
  });

  it('refuses contradictory or malformed decisions', () => {
    expect(codeOf(() => readDecision({ decision: 'maybe' }))).toBe('invalid:KPI.INVALID_DECISION:decision');
    expect(codeOf(() => readDecision({ decision: 'no-go', override: true, note: 'x' }))).toBe('invalid:KPI.INVALID_DECISION:override');
    expect(codeOf(() => readDecision({ decision: 'go', stop: true }))).toBe('invalid:KPI.INVALID_DECISION:stop');
    expect(codeOf(() => readDecision({ decision: 'go', evidence: [] }))).toBe('invalid:KPI.INVALID_DECISION:evidence');
    expect(codeOf(() => readDecision(null))).toBe('invalid:KPI.INVALID_DECISION:body');
  });
});
