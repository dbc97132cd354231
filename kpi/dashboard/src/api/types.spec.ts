import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  Criterion, Decision, Gate, InitiativeSummary, InitiativeView, KpiView, Measurement, PhaseSpell, RunSummary, RunView, Schedule, TrsBreakdown, TwinAccuracy, TwinAccuracyByHorizon,
  TwinAccuracyReport, TwinActualPoint, TwinBand, TwinForecast, TwinForecastPoint, TwinForecastSummary, TwinForecastView, TwinWhatIfOption, TwinWhatIfRequest, TwinWhatIfResult,
} from './types';

/** Every field of T, listed once: adding a field to a type without listing it fails to compile. */
const fields = <T,>(all: Record<keyof T, true>) => Object.keys(all);

type Content = Record<string, { schema?: { $ref?: string } }>;
type Operation = { requestBody?: { content?: Content }; responses: Record<string, { content?: Content }> };

const openapi = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../apps/corridor/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
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
    ['TwinBandDto', fields<TwinBand>({ mean: true, p50: true, pi80: true, pi95: true, n: true })],
    ['TwinForecastPointDto', fields<TwinForecastPoint>({ at: true, minutes_ahead: true, queue_length: true, wait_s: true, throughput_per_hour: true })],
    ['TwinForecastSummaryDto', fields<TwinForecastSummary>({ wait_s: true, queue_length: true, throughput_per_hour: true })],
    ['TwinForecastDto', fields<TwinForecast>({ scenario: true, state_at: true, hours: true, replications: true, seed: true, bucket_minutes: true, lanes_open: true, action: true, points: true, summary: true, wall_ms: true })],
    ['TwinActualPointDto', fields<TwinActualPoint>({ at: true, queue_length: true, wait_s: true, throughput_per_hour: true })],
    ['TwinForecastViewDto', fields<TwinForecastView>({ id: true, made_at: true, state_at: true, hours: true, forecast: true, actual: true })],
    ['TwinWhatIfRequestDto', fields<TwinWhatIfRequest>({ hours: true, target_wait_s: true })],
    ['TwinWhatIfOptionDto', fields<TwinWhatIfOption>({ action: true, label: true, cost: true, meets_target: true, lanes_open: true, summary: true })],
    ['TwinWhatIfResultDto', fields<TwinWhatIfResult>({ state_at: true, hours: true, replications: true, target_wait_s: true, recommended: true, reason: true, options: true })],
    ['TwinAccuracyDto', fields<TwinAccuracy>({ n: true, wait_mae_s: true, queue_mae: true, throughput_mae: true, pi80_coverage: true, pi95_coverage: true })],
    ['TwinAccuracyByHorizonDto', fields<TwinAccuracyByHorizon>({ minutes_ahead: true, n: true, wait_mae_s: true, queue_mae: true, throughput_mae: true, pi80_coverage: true, pi95_coverage: true })],
    ['TwinAccuracyReportDto', fields<TwinAccuracyReport>({ scored_at: true, forecasts: true, by_horizon: true, overall: true })],
  ])('reads only fields %s documents', (schema, used) => {
    expect(properties(schema).length).toBeGreaterThan(0);
    expect(used.filter((f) => !properties(schema).includes(f))).toEqual([]);
  });

  it('reads only fields GateDecisionDto documents', () => {
    const used = fields<Decision>({ id: true, initiativeId: true, decision: true, override: true, stop: true, from: true, to: true, moved: true, phase: true, note: true, by: true, at: true, evidence: true });
    expect(used.filter((f) => !properties('GateDecisionDto').includes(f))).toEqual([]);
  });

  // The twin's routes answer with the schemas above; a renamed DTO or a moved route fails here, not in the browser.
  it.each([
    ['get', '/api/twin/forecast', '200', 'TwinForecastViewDto'],
    ['post', '/api/twin/forecast', '201', 'TwinForecastViewDto'],
    ['post', '/api/twin/what-if', '200', 'TwinWhatIfResultDto'],
    ['get', '/api/twin/accuracy', '200', 'TwinAccuracyReportDto'],
  ])('%s %s answers %s with %s', (method, path, status, schema) => {
    const operation = openapi.paths[path]?.[method];
    expect(operation?.responses[status]?.content?.['application/json']?.schema?.$ref).toBe(`#/components/schemas/${schema}`);
  });

  it('takes the what-if form as TwinWhatIfRequestDto', () => {
    expect(openapi.paths['/api/twin/what-if']?.post?.requestBody?.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/TwinWhatIfRequestDto');
  });
});
