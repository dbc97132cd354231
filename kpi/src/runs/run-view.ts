import type { MeasurementView } from '../model/measurement';
import type { StoredRun } from '../persistence/kpi.repository';

export interface RunView {
  runId: string;
  initiativeId: string | null;
  scenario: string;
  iteration: string | null;
  at: string;
  kpis: StoredRun['kpis'];
  series: unknown[] | null;
  /** replications, seed and meta as published. */
  meta: StoredRun['meta'];
  publishedAt: string;
  publishedBy: string;
  /** The measurements the run produced (KPIs of the initiative with a matching key). */
  measurements: MeasurementView[];
  /** Run KPI names the initiative has no KPI for; kept in the run record, not measured. */
  unmatched: string[];
}

export type RunSummary = Omit<RunView, 'series' | 'measurements' | 'unmatched'> & { seriesLength: number };

export function runView(run: StoredRun, measurements: MeasurementView[]): RunView {
  const measured = new Set(measurements.map((m) => m.kpi));
  return {
    runId: run.runId, initiativeId: run.initiativeId, scenario: run.scenario, iteration: run.iteration, at: run.at, kpis: run.kpis,
    series: run.series, meta: run.meta, publishedAt: run.publishedAt, publishedBy: run.publishedBy, measurements,
    unmatched: Object.keys(run.kpis).filter((name) => !measured.has(name)),
  };
}

export function runSummary(run: StoredRun): RunSummary {
  return {
    runId: run.runId, initiativeId: run.initiativeId, scenario: run.scenario, iteration: run.iteration, at: run.at, kpis: run.kpis,
    meta: run.meta, publishedAt: run.publishedAt, publishedBy: run.publishedBy, seriesLength: run.series?.length ?? 0,
  };
}
