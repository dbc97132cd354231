import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Criterion, Decision, Gate, InitiativeSummary, InitiativeView, KpiView, Measurement, PhaseSpell, RunSummary, RunView, Schedule, TrsBreakdown } from './types';

/** Every field of T, listed once: adding a field to a type without listing it fails to compile. */
const fields = <T,>(all: Record<keyof T, true>) => Object.keys(all);

const openapi = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../apps/corridor/openapi.json'), 'utf8')) as {
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};
const properties = (schema: string) => Object.keys(openapi.components.schemas[schema]?.properties ?? {});

describe('the dashboard types against apps/corridor/openapi.json', () => {
  it.each([
    ['InitiativeSummaryDto', fields<InitiativeSummary>({ id: true, name: true, description: true, owner: true, phase: true, phaseStartedAt: true, schedule: true, daysInPhase: true, plannedDays: true, gate: true, kpiCount: true, createdAt: true, updatedAt: true })],
    ['InitiativeViewDto', fields<Omit<InitiativeView, keyof InitiativeSummary>>({ createdBy: true, plan: true, phaseHistory: true, kpis: true })],
    ['ScheduleDto', fields<Schedule>({ daysInPhase: true, plannedDays: true, progress: true, status: true })],
    ['PhaseSpellDto', fields<PhaseSpell>({ phase: true, startedAt: true, endedAt: true, plannedDays: true, days: true, decisionId: true })],
    ['KpiViewDto', fields<KpiView>({ key: true, name: true, unit: true, direction: true, baseline: true, targets: true, description: true, latest: true, changeFromBaseline: true, nextTarget: true, createdAt: true })],
    ['MeasurementDto', fields<Measurement>({ id: true, initiativeId: true, kpi: true, value: true, ci95: true, n: true, unit: true, source: true, runId: true, iteration: true, at: true, note: true, recordedAt: true, recordedBy: true })],
    ['GateDto', fields<Gate>({ phase: true, next: true, ready: true, met: true, total: true, criteria: true, runIds: true })],
    ['CriterionDto', fields<Criterion>({ kpi: true, name: true, unit: true, direction: true, target: true, value: true, ci95: true, n: true, bound: true, met: true, reason: true, evidence: true })],
    ['RunSummaryDto', fields<RunSummary>({ runId: true, initiativeId: true, scenario: true, iteration: true, at: true, kpis: true, publishedAt: true, publishedBy: true, meta: true, seriesLength: true })],
    ['RunViewDto', fields<RunView>({ runId: true, initiativeId: true, scenario: true, iteration: true, at: true, kpis: true, publishedAt: true, publishedBy: true, meta: true, series: true, measurements: true, unmatched: true })],
    ['TrsBreakdownDto', fields<TrsBreakdown>({ bucket: true, from: true, to: true, unit: true, lane: true, segments: true, buckets: true, totals: true, open: true })],
  ])('reads only fields %s documents', (schema, used) => {
    expect(properties(schema).length).toBeGreaterThan(0);
    expect(used.filter((f) => !properties(schema).includes(f))).toEqual([]);
  });

  it('reads only fields GateDecisionDto documents', () => {
    const used = fields<Decision>({ id: true, initiativeId: true, decision: true, override: true, stop: true, from: true, to: true, moved: true, phase: true, note: true, by: true, at: true, evidence: true });
    expect(used.filter((f) => !properties('GateDecisionDto').includes(f))).toEqual([]);
  });
});
