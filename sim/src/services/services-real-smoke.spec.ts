// Scenario services-real-smoke (sim/scenarios): one hour of a small crossing, 2 lanes, about 60
// trucks, 2 replications, against the real declarations, risk and lanes modules in process
// (each replication boots its own Nest application on SQLite in memory, on a worker thread).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../runner/runner';
import { loadScenario } from '../scenario/parse-scenario';

describe('scenario services-real-smoke: the real modules in process', () => {
  it('lodges, scores, reads, recommends and decides every truck, and yields the KPIs', async () => {
    const scenario = loadScenario(resolve(__dirname, '../../scenarios/services-real-smoke.yaml'));
    expect(scenario.services).toBe('real');
    const result = await runScenario(scenario, { workers: 2 });
    expect(result.replications).toBe(2);
    expect(result.trucks).toBeGreaterThan(60);
    expect(result.trucks).toBeLessThan(180);
    for (const name of ['pil_wait_s', 'pil_processing_s', 'time_in_system_s', 'throughput_per_hour', 'referral_rate', 'pil_processing_s_trusted', 'pil_processing_s_standard']) {
      expect(result.kpis[name], name).toBeDefined();
      expect(result.kpis[name].n).toBe(2);
      expect(Number.isFinite(result.kpis[name].mean)).toBe(true);
    }
    const real = result.real_services;
    expect(real).toBeDefined();
    if (!real) return;
    // Every pre-lodged truck's declaration went through the declarations context...
    expect(real.lodged).toBe(result.trucks);
    // ...and through risk, when the risk context provides its module (else risk counts as pending).
    // Trucks still queueing at the horizon may not have their result yet; every truck that was read
    // at a booth had it.
    expect(real.riskAssessed + real.riskPending).toBe(real.lodged);
    if (real.riskModule) expect(real.riskAssessed).toBeGreaterThanOrEqual(Object.values(real.recommendations).reduce((a, b) => a + b, 0));
    else expect(real.riskPending).toBe(real.lodged);
    // The FAST lane read the trucks, recommended them, and the officers' decisions were recorded.
    expect(real.readsSent).toBeGreaterThan(40);
    expect(real.recommendations.release).toBeGreaterThan(10);
    const recommended = Object.values(real.recommendations).reduce((a, b) => a + b, 0);
    expect(real.decisions).toBe(recommended);
    // Trusted trucks mostly took the automated path, so their PIL time is well below the manual one.
    expect(result.kpis.pil_processing_s_trusted.mean).toBeLessThan(result.kpis.pil_processing_s_standard.mean);
  }, 180_000);
});
