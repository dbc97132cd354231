// Scenario secure-corridor-pilot, published (`--publish`) to the Secure Corridor initiative: the
// KPI context's PublishSimulationRun records the run and turns the KPIs the scenario maps to the
// initiative's keys (publish.kpi_map) into simulation measurements. On SQLite in memory here; the
// CLI uses the configured database.
import { SECURE_CORRIDOR_INITIATIVE_ID } from '@corridor/kpi';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../runner/runner';
import { loadScenario } from '../scenario/parse-scenario';
import { publishRun, simulationRun } from './publish-run';

describe('scenario secure-corridor-pilot published to the Secure Corridor initiative', () => {
  const scenario = { ...loadScenario(resolve(__dirname, '../../scenarios/secure-corridor-pilot.yaml')), replications: 3 };

  it('maps the run KPIs to the initiative KPI keys, converting units', async () => {
    const result = await runScenario(scenario, { workers: 0 });
    const run = simulationRun(result, scenario, SECURE_CORRIDOR_INITIATIVE_ID, 'test-run');
    expect(run.kpis['trusted-pil-processing-time']).toMatchObject({ mean: result.kpis.pil_processing_s_trusted.mean, unit: 's', n: 3 });
    expect(run.kpis['pil-wait-time'].mean).toBeCloseTo(result.kpis.pil_wait_s.mean / 60, 10);
    expect(run.kpis['pil-wait-time'].unit).toBe('min');
    expect(run.kpis['trucks-per-lane-hour']).toMatchObject({ unit: 'trucks/h' });
    expect(run.kpis.pil_wait_s.unit).toBe('s');

    const outcome = await publishRun(result, scenario, SECURE_CORRIDOR_INITIATIVE_ID, { DATA_DIR: ':memory:', NODE_ENV: 'test' });
    expect(outcome.runId).toMatch(/^secure-corridor-pilot\.s2026\./);
    expect(outcome.measured.sort()).toEqual(['pil-wait-time', 'trucks-per-lane-hour', 'trusted-pil-processing-time']);
    expect(outcome.unmatched).toContain('pil_processing_s_trusted');
  }, 120_000);
});
