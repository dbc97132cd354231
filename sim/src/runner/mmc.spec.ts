// Scenario mmc (sim/scenarios/mmc.yaml, the minimal scenario form): M/M/4 at rho 0.9 through
// the whole runner (YAML, border model, worker threads, summary), against Erlang C.
//
// The run: 10 replications of 1000 h after 50 h of warm-up (about 205,000 trucks each). Each
// replication's mean wait is one observation; the Student-t 95% interval over the 10 is the
// result. Assertions:
// - the theoretical Wq lies inside the interval;
// - so the simulated mean is within one half-width of theory, and the half-width is below 5%
//   of Wq, so "inside the interval" means "within 5%" (the tolerance follows from the
//   replications, not from a guess);
// - utilisation and service time agree with rho and 1/mu inside their intervals.
// The seed is fixed (the scenario's), so the assertions are deterministic.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/parse-scenario';
import { correlation } from '../stats/summary';
import { mmc } from '../theory/queueing';
import { runReplication } from './replication';
import { resultJson, runScenario } from './runner';
import type { SimulationResult } from './summarize';

const scenario = loadScenario(resolve(__dirname, '../../scenarios/mmc.yaml'));
const theory = mmc(216 / 3600, 1 / 60, 4);
/** The same queue over a short horizon, for the reproducibility checks. */
const short = { ...scenario, horizonHours: 40, warmupHours: 4 };

const withoutWallTime = (r: SimulationResult) => resultJson({ ...r, wall_ms: 0 });

describe('scenario mmc: M/M/4 at rho 0.9 (216 trucks/h, exponential service of 60 s) through the runner', () => {
  it('mean PIL wait matches Erlang C, Wq = 118.16 s, within the 95% CI of 10 replications', async () => {
    expect(theory.wq).toBeCloseTo(118.163, 3);
    const result = await runScenario(scenario, { workers: 2 });
    expect(result.replications).toBe(10);
    const wait = result.kpis.pil_wait_s;
    expect(wait.n).toBe(10);
    const [lo, hi] = wait.ci95 as [number, number];
    expect(theory.wq).toBeGreaterThanOrEqual(lo);
    expect(theory.wq).toBeLessThanOrEqual(hi);
    const halfWidth = wait.half_width as number;
    expect(Math.abs(wait.mean - theory.wq)).toBeLessThanOrEqual(halfWidth);
    expect(halfWidth / theory.wq).toBeLessThan(0.05);

    const util = result.kpis.pil_utilisation;
    expect(theory.rho).toBeGreaterThanOrEqual((util.ci95 as [number, number])[0]);
    expect(theory.rho).toBeLessThanOrEqual((util.ci95 as [number, number])[1]);
    const service = result.kpis.pil_processing_s;
    expect(60).toBeGreaterThanOrEqual((service.ci95 as [number, number])[0]);
    expect(60).toBeLessThanOrEqual((service.ci95 as [number, number])[1]);
    // Little's law ties the queue length to the wait: Lq = lambda Wq.
    expect(result.kpis.pil_queue_length.mean).toBeCloseTo((result.kpis.arrivals_per_hour.mean / 3600) * wait.mean, 0);
    // One point per 15 minutes over the horizon, warm-up included.
    expect(result.series).toHaveLength(4000);
    expect(result.series[1]).toMatchObject({ t: 900 });
    for (const name of ['pil_wait_s', 'pil_processing_s', 'time_in_system_s', 'throughput_per_hour', 'referral_rate']) expect(result.kpis).toHaveProperty(name);
  }, 180_000);

  it('gives identical JSON for the same seed, however the replications are spread over threads', async () => {
    const inThreads = await runScenario(short, { replications: 4, workers: 2 });
    const inProcess = await runScenario(short, { replications: 4, workers: 0 });
    expect(withoutWallTime(inThreads)).toBe(withoutWallTime(inProcess));
    const again = await runScenario(short, { replications: 4, workers: 2 });
    expect(withoutWallTime(again)).toBe(withoutWallTime(inThreads));
    const otherSeed = await runScenario(short, { replications: 4, workers: 0, seed: 2 });
    expect(otherSeed.kpis.pil_wait_s.mean).not.toBe(inThreads.kpis.pil_wait_s.mean);
  }, 120_000);

  it('gives each replication its own streams: different results, each independent of how many replications run', async () => {
    const six = await runScenario(short, { replications: 6, workers: 0 });
    const waits = six.replication_kpis.pil_wait_s;
    expect(new Set(waits).size).toBe(6);
    expect(new Set(six.replication_kpis.arrivals_per_hour).size).toBeGreaterThan(1);
    // Replication 4 alone, or as part of six: the same numbers (streams come from seed and index only).
    const alone = await runReplication(short, 4);
    expect(alone.kpis.pil_wait_s).toBe(waits[4]);
    const three = await runScenario(short, { replications: 3, workers: 0 });
    expect(three.replication_kpis.pil_wait_s).toEqual(waits.slice(0, 3));
    // Neighbouring replications are not shifted copies of each other: their per-bucket arrival
    // counts are uncorrelated.
    const a = (await runReplication(short, 0)).series.arrivals;
    const b = (await runReplication(short, 1)).series.arrivals;
    expect(Math.abs(correlation(a, b))).toBeLessThan(0.25);
  }, 120_000);
});

