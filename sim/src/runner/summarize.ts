// From replications to the run's result: a Student-t 95% confidence interval over the
// replication means of each KPI (each replication's mean is one independent observation, taken
// after the warm-up), and series pooled across replications.
import { HOUR_SECONDS } from '../kernel/schedule';
import type { Scenario } from '../scenario/scenario';
import { KPI_UNITS, truckClasses } from '../scenario/scenario';
import { confidenceInterval, round } from '../stats/summary';
import type { ReplicationResult, ServicesReport } from './replication';

export interface KpiSummary {
  mean: number;
  /** 95% Student-t interval over replication means; null with fewer than two replications. */
  ci95: [number, number] | null;
  unit: string;
  /** Replications behind the mean. */
  n: number;
  sd: number | null;
  half_width: number | null;
}

/** One series point: `t` is the bucket start in simulated seconds; values are pooled over replications. */
export interface SeriesPoint {
  t: number;
  /** Time-average number of trucks waiting for the PIL. */
  queueLength: number;
  /** Mean PIL wait of trucks whose service started in the bucket (null: none did). */
  waitSeconds: number | null;
  waitSecondsTrusted?: number | null;
  waitSecondsStandard?: number | null;
  /** Arrivals and PIL decisions, per hour. */
  arrivalsPerHour: number;
  throughputPerHour: number;
  /** Time-average number of open PIL lanes. */
  lanesOpen: number;
}

export interface SimulationResult {
  scenario: string;
  seed: number;
  replications: number;
  /** Model events over all replications: arrivals, service starts and ends, secondary starts and ends. */
  events: number;
  wall_ms: number;
  kpis: Record<string, KpiSummary>;
  series: SeriesPoint[];
  description: string | null;
  horizon_hours: number;
  warmup_hours: number;
  series_minutes: number;
  services: Scenario['services'];
  trucks: number;
  /** Each replication's KPI values, in replication order (the observations behind the intervals). */
  replication_kpis: Record<string, number[]>;
  /** What the real modules did (services: real), summed over replications. */
  real_services?: Omit<ServicesReport, 'bootMs' | 'waitedMs'> & { boot_ms: number; waited_ms: number };
}


export function summarize(scenario: Scenario, seed: number, results: readonly ReplicationResult[], wallMs: number): SimulationResult {
  const sorted = [...results].sort((a, b) => a.replication - b.replication);
  const names = Object.keys(KPI_UNITS).filter((name) => sorted.some((r) => name in r.kpis));
  const kpis: Record<string, KpiSummary> = {};
  const perReplication: Record<string, number[]> = {};
  for (const name of names) {
    const values = sorted.filter((r) => name in r.kpis).map((r) => r.kpis[name]);
    perReplication[name] = values;
    const ci = confidenceInterval(values);
    const interval = ci.n >= 2 && Number.isFinite(ci.halfWidth);
    kpis[name] = {
      mean: ci.mean,
      ci95: interval ? [ci.lower, ci.upper] : null,
      unit: KPI_UNITS[name],
      n: ci.n,
      sd: interval ? ci.sd : null,
      half_width: interval ? ci.halfWidth : null,
    };
  }
  const result: SimulationResult = {
    scenario: scenario.name,
    seed,
    replications: sorted.length,
    events: sorted.reduce((s, r) => s + r.events, 0),
    wall_ms: Math.round(wallMs),
    kpis,
    series: pooledSeries(scenario, sorted),
    description: scenario.description,
    horizon_hours: scenario.horizonHours,
    warmup_hours: scenario.warmupHours,
    series_minutes: scenario.seriesMinutes,
    services: scenario.services,
    trucks: sorted.reduce((s, r) => s + r.trucks, 0),
    replication_kpis: perReplication,
  };
  const reports = sorted.map((r) => r.services).filter((s): s is ServicesReport => s !== undefined);
  if (reports.length > 0) {
    const sum = (f: (s: ServicesReport) => number) => reports.reduce((acc, s) => acc + f(s), 0);
    const recommendations: Record<string, number> = {};
    for (const s of reports) for (const [k, v] of Object.entries(s.recommendations)) recommendations[k] = (recommendations[k] ?? 0) + v;
    result.real_services = {
      riskModule: reports.every((s) => s.riskModule),
      lodged: sum((s) => s.lodged),
      riskAssessed: sum((s) => s.riskAssessed),
      riskPending: sum((s) => s.riskPending),
      readsSent: sum((s) => s.readsSent),
      recommendations,
      decisions: sum((s) => s.decisions),
      boot_ms: Math.round(sum((s) => s.bootMs)),
      waited_ms: Math.round(sum((s) => s.waitedMs)),
    };
  }
  return result;
}

function pooledSeries(scenario: Scenario, results: readonly ReplicationResult[]): SeriesPoint[] {
  if (results.length === 0) return [];
  const first = results[0].series;
  const size = first.bucketSeconds;
  const horizon = scenario.horizonHours * HOUR_SECONDS;
  const classes = truckClasses(scenario);
  const split = classes.trusted && classes.standard;
  const n = results.length;
  const total = (key: keyof Omit<typeof first, 'bucketSeconds'>, b: number) => results.reduce((s, r) => s + r.series[key][b], 0);
  const points: SeriesPoint[] = [];
  for (let b = 0; b < first.queueArea.length; b++) {
    const t = b * size;
    const length = Math.min(size, horizon - t);
    const mean = (sum: number, count: number) => (count > 0 ? round(sum / count, 3) : null);
    const point: SeriesPoint = {
      t,
      queueLength: round(total('queueArea', b) / (n * length)),
      waitSeconds: mean(total('waitSum', b), total('waitCount', b)),
      arrivalsPerHour: round((total('arrivals', b) / n) * (HOUR_SECONDS / length), 3),
      throughputPerHour: round((total('completions', b) / n) * (HOUR_SECONDS / length), 3),
      lanesOpen: round(total('openArea', b) / (n * length), 3),
    };
    if (split) {
      point.waitSecondsTrusted = mean(total('waitSumTrusted', b), total('waitCountTrusted', b));
      point.waitSecondsStandard = mean(total('waitSumStandard', b), total('waitCountStandard', b));
    }
    points.push(point);
  }
  return points;
}
