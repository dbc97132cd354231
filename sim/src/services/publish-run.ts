// `--publish INITIATIVE_ID`: records a run's KPIs as simulation measurements of an initiative,
// through the KPI context's PublishSimulationRun command, in a Nest application context on the
// configured database (loadConfig from the environment: by default the embedded SQLite under
// ./data, so the running app's dashboard sees the run). Loaded only when publishing.
//
// The run keeps every KPI under its simulator name (pil_wait_s, ...); the KPI context turns the
// ones whose name equals one of the initiative's KPI keys into measurements. The scenario's
// `publish.kpi_map` adds entries under the initiative's keys, converted to the KPI's unit
// (e.g. pil_wait_s in minutes as pil-wait-time), so they are measured too.
import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { KPI_MIGRATIONS, KpiModule, PublishSimulationRun, type RunKpi, type SimulationRunInput } from '@corridor/kpi';
import { loadConfig, PlatformModule } from '@corridor/platform';
import { randomBytes } from 'node:crypto';
import type { SimulationResult } from '../runner/summarize';
import { UNIT_CONVERSIONS, type Scenario } from '../scenario/scenario';

@Module({})
class PublishHost {
  static forRoot(env: Record<string, string | undefined>): DynamicModule {
    // The simulator's output is on stdout: the host stays quiet unless LOG_LEVEL says otherwise.
    const config = loadConfig({ ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'silent' });
    return { module: PublishHost, imports: [PlatformModule.forRoot({ config, migrations: [...KPI_MIGRATIONS] }), KpiModule] };
  }
}

export interface PublishOutcome {
  runId: string;
  /** Initiative KPI keys that received a measurement. */
  measured: string[];
  /** Run KPI names the initiative does not track (kept in the run record only). */
  unmatched: string[];
}

/** The run record PublishSimulationRun takes: every KPI, plus the scenario's mapped ones. */
export function simulationRun(result: SimulationResult, scenario: Scenario, initiativeId: string | null, runId: string): SimulationRunInput {
  const kpis: Record<string, RunKpi> = {};
  for (const [name, k] of Object.entries(result.kpis)) {
    kpis[name] = { mean: k.mean, ci95: k.ci95, unit: k.unit, n: k.n, ...(k.sd !== null ? { sd: k.sd } : {}), ...(k.half_width !== null ? { halfWidth: k.half_width } : {}) };
  }
  for (const [name, mapping] of Object.entries(scenario.publish.kpiMap)) {
    const k = result.kpis[name];
    if (!k) continue;
    const unit = mapping.unit ?? k.unit;
    const factor = UNIT_CONVERSIONS[k.unit]?.[unit] ?? 1;
    kpis[mapping.kpi] = {
      mean: k.mean * factor,
      ci95: k.ci95 ? [k.ci95[0] * factor, k.ci95[1] * factor] : null,
      unit,
      n: k.n,
      ...(k.sd !== null ? { sd: k.sd * factor } : {}),
      ...(k.half_width !== null ? { halfWidth: k.half_width * factor } : {}),
    };
  }
  return {
    runId,
    initiativeId,
    scenario: result.scenario,
    iteration: scenario.publish.iteration,
    kpis,
    series: result.series,
    replications: result.replications,
    seed: result.seed,
    meta: {
      simulator: 'corridor-sim',
      horizon_hours: result.horizon_hours,
      warmup_hours: result.warmup_hours,
      series_minutes: result.series_minutes,
      services: result.services,
      events: result.events,
      trucks: result.trucks,
      ...(result.description ? { description: result.description.slice(0, 2000) } : {}),
    },
  };
}

/** A fresh run id: the scenario's name, its seed, the time, and a few random characters. */
export function newRunId(result: SimulationResult, now = new Date()): string {
  const name = result.scenario.replace(/[^A-Za-z0-9._:@+-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 60) || 'run';
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${name}.s${result.seed}.${stamp}.${randomBytes(3).toString('hex')}`;
}

/** Publishes the run; throws the KPI context's error (unknown initiative, unit mismatch...) as is. */
export async function publishRun(result: SimulationResult, scenario: Scenario, initiativeId: string, env: Record<string, string | undefined> = process.env): Promise<PublishOutcome> {
  const app = await NestFactory.createApplicationContext(PublishHost.forRoot(env), { logger: false, abortOnError: false });
  try {
    const runId = newRunId(result);
    const view = await app.get(CommandBus).execute(new PublishSimulationRun(simulationRun(result, scenario, initiativeId, runId)));
    return { runId: view.runId, measured: view.measurements.map((m) => m.kpi), unmatched: view.unmatched };
  } finally {
    await app.close();
  }
}
