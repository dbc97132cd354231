// Scenarios secure-corridor-baseline and secure-corridor-pilot (sim/scenarios): the same
// crossing day, same trucks (same seed), with and without RFID + LPR + CCTV + VoIP on the FAST
// booths. The pilot must shorten trusted trucks' PIL processing (the initiative's headline KPI,
// "up to 50%" in the WCO report), and with it waits, and raise what a booth gets through in an
// hour. Differences are judged on the 95% intervals of 20 replications each: the pilot's upper
// bound below the baseline's lower bound (or the reverse for higher-is-better).
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/parse-scenario';
import { runScenario } from './runner';
import type { KpiSummary, SimulationResult } from './summarize';

const file = (name: string) => resolve(__dirname, `../../scenarios/${name}.yaml`);
const ci = (k: KpiSummary) => k.ci95 as [number, number];

describe('scenarios secure-corridor-baseline and secure-corridor-pilot', () => {
  let baseline: SimulationResult;
  let pilot: SimulationResult;

  beforeAll(async () => {
    baseline = await runScenario(loadScenario(file('secure-corridor-baseline')));
    pilot = await runScenario(loadScenario(file('secure-corridor-pilot')));
  }, 120_000);

  it('report the KPIs of a crossing with trusted trucks, over 20 replications', () => {
    for (const r of [baseline, pilot]) {
      expect(r.replications).toBe(20);
      for (const name of ['pil_wait_s', 'pil_processing_s', 'time_in_system_s', 'throughput_per_hour', 'referral_rate', 'pil_processing_s_trusted', 'pil_processing_s_standard']) {
        expect(r.kpis[name].n).toBe(20);
        expect(r.kpis[name].ci95).not.toBeNull();
      }
      // About 5,000 trucks a day, about 1.75% referred to secondary.
      expect(r.kpis.arrivals_per_hour.mean * 24).toBeGreaterThan(4800);
      expect(r.kpis.arrivals_per_hour.mean * 24).toBeLessThan(5200);
      expect(r.kpis.referral_rate.mean).toBeGreaterThan(0.014);
      expect(r.kpis.referral_rate.mean).toBeLessThan(0.021);
    }
    // Same seed, same trucks: the arrival counts agree exactly.
    expect(pilot.replication_kpis.arrivals_per_hour).toEqual(baseline.replication_kpis.arrivals_per_hour);
  });

  it('pilot cuts trusted trucks\' PIL processing time by more than half (about 75 s -> about 30 s)', () => {
    const before = baseline.kpis.pil_processing_s_trusted;
    const after = pilot.kpis.pil_processing_s_trusted;
    expect(before.mean).toBeGreaterThan(60);
    expect(before.mean).toBeLessThan(90);
    expect(ci(after)[1]).toBeLessThan(ci(before)[0]);
    expect(after.mean / before.mean).toBeLessThan(0.5);
    // Standard trucks are processed as before.
    expect(Math.abs(pilot.kpis.pil_processing_s_standard.mean - baseline.kpis.pil_processing_s_standard.mean)).toBeLessThan(2);
    expect(pilot.kpis.automated_share_trusted.mean).toBeGreaterThan(0.75);
  });

  it('pilot shortens waits for trusted trucks and for everyone, and raises trucks per busy booth-hour', () => {
    expect(ci(pilot.kpis.pil_wait_s_trusted)[1]).toBeLessThan(ci(baseline.kpis.pil_wait_s_trusted)[0]);
    expect(ci(pilot.kpis.pil_wait_s)[1]).toBeLessThan(ci(baseline.kpis.pil_wait_s)[0]);
    expect(ci(pilot.kpis.time_in_system_s_trusted)[1]).toBeLessThan(ci(baseline.kpis.time_in_system_s_trusted)[0]);
    expect(ci(pilot.kpis.trucks_per_busy_lane_hour)[0]).toBeGreaterThan(ci(baseline.kpis.trucks_per_busy_lane_hour)[1]);
    // The same booths, open the same hours, could clear more trucks an hour.
    expect(ci(pilot.kpis.pil_capacity_per_hour)[0]).toBeGreaterThan(ci(baseline.kpis.pil_capacity_per_hour)[1]);
    // Demand is met in both, so trucks through per hour is the same day's traffic.
    expect(pilot.kpis.throughput_per_hour.mean).toBeCloseTo(baseline.kpis.throughput_per_hour.mean, 0);
  });
});
