// Forecasts from a live state: the calibrated scenario run forward from the crossing as it is now
// (trucks queued, at booths and in secondary, lanes open, announced arrivals), with no warm-up,
// over independent replications; per clock-aligned bucket, the mean, median and 80% / 95%
// prediction intervals (empirical quantiles over replications) of queue length, wait and
// throughput.
import { Environment } from '../kernel/environment';
import { DAY_SECONDS, HOUR_SECONDS } from '../kernel/schedule';
import { BorderModel, type InitialTrucks } from '../model/border-model';
import { RandomStreams } from '../random/stream';
import type { ArrivalStream, LaneGroup, LaneType, Scenario } from '../scenario/scenario';
import { LiveStateError } from './live-state';
import type { Band, Forecast, ForecastPoint, LiveState, StateLane, StateTruck } from './types';
import { round } from '../stats/summary';

export interface ForecastOptions {
  /** Hours ahead, 0 < hours <= 24. */
  hours: number;
  /** Default 30. */
  replications?: number;
  /** Default: the scenario's seed. */
  seed?: number;
  /** Default 15. */
  bucketMinutes?: number;
  /** The what-if action the state was changed by (reported as is). */
  action?: string;
}

export const MAX_FORECAST_HOURS = 24;

/** The scenario and starting trucks a forecast runs: lanes as the state has them. */
export interface ForecastPlan {
  scenario: Scenario;
  initial: InitialTrucks;
  scheduled: Array<{ at: number; trusted: boolean | null }>;
  start: number;
  end: number;
  lanesOpen: Record<string, number>;
}

/**
 * Lanes from the state: one group per lane type the state has, with the scenario's service
 * times for that type, as many lanes as the state lists and as many open now as it says; in later
 * hours lanes open and close as the scenario's schedule changes from the current hour (the
 * calibrated schedule is the crossing's usual roster). Officers on duty cap the open lanes now:
 * lanes without a truck at the booth close first, from the end of the list.
 */
export function planForecast(scenario: Scenario, state: LiveState, hours: number, bucketMinutes: number): ForecastPlan {
  const now = Date.parse(state.at);
  const midnight = Math.floor(now / (DAY_SECONDS * 1000)) * DAY_SECONDS * 1000;
  const start = (now - midnight) / 1000;
  const end = start + hours * HOUR_SECONDS;
  const rel = (iso: string) => (Date.parse(iso) - midnight) / 1000;

  const lanes = state.lanes.map((l) => ({ ...l }));
  const officers = state.officersOnDuty;
  if (officers !== undefined) {
    let open = lanes.filter((l) => l.open).length;
    const close = (busyToo: boolean) => {
      for (let i = lanes.length - 1; i >= 0 && open > officers; i--) {
        if (lanes[i].open && (busyToo || lanes[i].inService === null)) {
          lanes[i].open = false;
          open--;
        }
      }
    };
    close(false);
    close(true);
  }

  const types = [...new Set(lanes.map((l) => l.laneType))];
  const groups: LaneGroup[] = [];
  const members: StateLane[][] = [];
  const lanesOpen: Record<string, number> = {};
  for (const type of types) {
    const spec = scenario.lanes.find((g) => g.type === type) ?? fallbackGroup(scenario, type);
    if (!spec) throw new LiveStateError([{ field: 'lanes', message: `the state has ${type} lanes but the scenario has no ${type} lanes to take their PIL times from` }]);
    const ofType = lanes.filter((l) => l.laneType === type);
    const open = ofType.filter((l) => l.open).length;
    lanesOpen[type] = open;
    // Open now as the state says; later hours open and close lanes as the scenario's schedule does from this hour on.
    const planned = plannedLanes(scenario, type);
    const hour = Math.floor(start / HOUR_SECONDS) % 24;
    const schedule = planned.map((n) => Math.max(0, Math.min(ofType.length, open + n - planned[hour])));
    groups.push({ ...spec, name: type, type, count: ofType.length, schedule });
    members.push(ofType);
  }
  if (!types.some((t) => t !== 'trusted') && scenario.arrivals.some((a) => (a.trustedShare ?? scenario.truckMix.trustedShare) < 1)) {
    throw new LiveStateError([{ field: 'lanes', message: 'the state has only trusted lanes, but the scenario has standard trucks: they need a standard or mixed lane' }]);
  }

  const queued = (q: StateTruck[] | number, at: number): Array<{ trusted: boolean | null; since: number }> =>
    typeof q === 'number' ? Array.from({ length: q }, () => ({ trusted: null, since: at })) : q.map((t) => ({ trusted: t.trusted, since: Math.min(at, rel(t.since)) }));
  const initial: InitialTrucks = {
    groups: members.map((ls) => {
      const inService: InitialTrucks['groups'][number]['inService'] = [];
      const waiting: Array<{ trusted: boolean | null; since: number }> = [];
      ls.forEach((l, lane) => {
        if (l.inService) {
          // A truck at a closed booth is finished by the officer still there: it keeps its lane.
          inService.push({ trusted: l.inService.trusted, since: Math.min(start, rel(l.inService.since)), lane });
        }
        waiting.push(...queued(l.queue, start));
      });
      return { inService, queued: waiting.sort((a, b) => a.since - b.since) };
    }),
    approach: queued(state.approach ?? [], start),
    secondary: { inInspection: queued(state.secondary?.inInspection ?? [], start), queued: queued(state.secondary?.queue ?? 0, start) },
  };
  const scheduled = (state.expectedArrivals ?? []).map((a) => ({ at: rel(a.at), trusted: a.trusted })).filter((a) => a.at >= start && a.at < end);

  const forecastScenario: Scenario = {
    ...scenario,
    horizonHours: end / HOUR_SECONDS,
    warmupHours: start / HOUR_SECONDS,
    seriesMinutes: bucketMinutes,
    lanes: groups,
    arrivals: lessAnnounced(scenario.arrivals, scheduled.map((a) => a.at), start, end),
    services: 'none',
    realServices: null,
  };
  return { scenario: forecastScenario, initial, scheduled, start, end, lanesOpen };
}

/** The scenario's lanes of a type open in each hour of the day (all zero if it has none). */
function plannedLanes(scenario: Scenario, type: LaneType): number[] {
  return Array.from({ length: 24 }, (_, h) => scenario.lanes.filter((g) => g.type === type).reduce((n, g) => n + (g.schedule ? g.schedule[h] : g.count), 0));
}

/** A lane type the scenario lacks takes the PIL times of the closest type (mixed from standard, and so on). */
function fallbackGroup(scenario: Scenario, type: LaneType): LaneGroup | undefined {
  const order: Record<LaneType, LaneType[]> = { mixed: ['standard', 'trusted'], standard: ['mixed'], trusted: ['mixed'] };
  for (const t of order[type]) {
    const g = scenario.lanes.find((l) => l.type === t);
    if (g) return g;
  }
  return undefined;
}

/**
 * Announced trucks are part of the demand the profile describes: in each hour of the day the
 * streams' rates shrink by the share the announced trucks already account for (never below 0).
 */
function lessAnnounced(streams: readonly ArrivalStream[], announced: readonly number[], start: number, end: number): ArrivalStream[] {
  if (announced.length === 0) return [...streams];
  const rateAt = (a: ArrivalStream, h: number) => (a.hourlyRates ? a.hourlyRates[h] : (a.ratePerHour ?? 0));
  const expected = new Array<number>(24).fill(0);
  for (let t = start; t < end; ) {
    const next = Math.min(end, (Math.floor(t / HOUR_SECONDS) + 1) * HOUR_SECONDS);
    const h = Math.floor(t / HOUR_SECONDS) % 24;
    expected[h] += streams.reduce((s, a) => s + rateAt(a, h), 0) * ((next - t) / HOUR_SECONDS);
    t = next;
  }
  const counts = new Array<number>(24).fill(0);
  for (const t of announced) counts[Math.floor(t / HOUR_SECONDS) % 24]++;
  const factor = expected.map((e, h) => (e > 0 ? Math.max(0, 1 - counts[h] / e) : 1));
  return streams.map((a) => ({ ...a, process: 'poisson', ratePerHour: null, hourlyRates: Array.from({ length: 24 }, (_, h) => rateAt(a, h) * factor[h]) }));
}

/** Runs the forecast; synchronous (a 3-hour, 30-replication forecast of a 10-lane crossing is well under a second). */
export function forecast(scenario: Scenario, state: LiveState, options: ForecastOptions): Forecast {
  const started = performance.now();
  const { hours } = options;
  if (!(hours > 0 && hours <= MAX_FORECAST_HOURS)) throw new RangeError(`hours must be above 0 and at most ${MAX_FORECAST_HOURS}, got ${hours}`);
  const replications = options.replications ?? 30;
  if (!(Number.isInteger(replications) && replications >= 2 && replications <= 10_000)) throw new RangeError(`replications must be a whole number from 2 to 10000, got ${replications}`);
  const bucketMinutes = options.bucketMinutes ?? 15;
  if (!(bucketMinutes > 0 && bucketMinutes <= 240)) throw new RangeError(`bucketMinutes must be above 0 and at most 240, got ${bucketMinutes}`);
  const seed = options.seed ?? scenario.seed;
  const plan = planForecast(scenario, state, hours, bucketMinutes);
  const size = bucketMinutes * 60;
  const firstBucket = Math.floor(plan.start / size);
  const lastBucket = Math.ceil(plan.end / size) - 1;
  const buckets = lastBucket - firstBucket + 1;
  const queue = Array.from({ length: buckets }, () => [] as number[]);
  const wait = Array.from({ length: buckets }, () => [] as number[]);
  const throughput = Array.from({ length: buckets }, () => [] as number[]);
  const summary = { wait: [] as number[], queue: [] as number[], throughput: [] as number[] };

  for (let r = 0; r < replications; r++) {
    const env = new Environment({ initialTime: plan.start });
    const model = new BorderModel(env, plan.scenario, new RandomStreams(seed, r), { initial: plan.initial, scheduledArrivals: plan.scheduled });
    model.start();
    env.run({ until: plan.end });
    const m = model.finish();
    const s = m.series;
    for (let k = 0; k < buckets; k++) {
      const b = firstBucket + k;
      const from = Math.max(plan.start, b * size);
      const to = Math.min(plan.end, (b + 1) * size);
      const length = to - from;
      queue[k].push(s.queueArea[b] / length);
      if (s.waitCount[b] > 0) wait[k].push(s.waitSum[b] / s.waitCount[b]);
      throughput[k].push((s.completions[b] / length) * HOUR_SECONDS);
    }
    if (m.kpis.pil_wait_s !== undefined) summary.wait.push(m.kpis.pil_wait_s);
    summary.queue.push(m.kpis.pil_queue_length ?? 0);
    summary.throughput.push(m.kpis.throughput_per_hour ?? 0);
  }

  const midnight = Date.parse(state.at) - plan.start * 1000;
  const points: ForecastPoint[] = [];
  for (let k = 0; k < buckets; k++) {
    const b = firstBucket + k;
    const from = Math.max(plan.start, b * size);
    const to = Math.min(plan.end, (b + 1) * size);
    points.push({
      at: new Date(midnight + from * 1000).toISOString(),
      minutes_ahead: round((to - plan.start) / 60, 2),
      queue_length: band(queue[k]) as Band,
      wait_s: band(wait[k]),
      throughput_per_hour: band(throughput[k]) as Band,
    });
  }
  return {
    scenario: scenario.name,
    state_at: new Date(Date.parse(state.at)).toISOString(),
    hours,
    replications,
    seed,
    bucket_minutes: bucketMinutes,
    lanes_open: plan.lanesOpen,
    action: options.action ?? 'none',
    points,
    summary: { wait_s: band(summary.wait), queue_length: band(summary.queue) as Band, throughput_per_hour: band(summary.throughput) as Band },
    wall_ms: Math.round(performance.now() - started),
  };
}

/**
 * Mean, median and 80% and 95% prediction intervals of the replications' values (null: none).
 * The interval ends are order statistics at p(n + 1) (Weibull plotting positions): the next
 * outcome falls between the j-th and k-th of n exchangeable draws with probability
 * (k - j) / (n + 1), so these intervals hold what they claim (within the n available; with 30
 * replications a 95% interval can reach at most 29/31), where p(n - 1) quantiles run narrow.
 */
export function band(values: readonly number[]): Band | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const q = (p: number) => round(predictionQuantile(sorted, p), 3);
  return { mean: round(values.reduce((a, b) => a + b, 0) / values.length, 3), p50: q(0.5), pi80: [q(0.1), q(0.9)], pi95: [q(0.025), q(0.975)], n: values.length };
}

function predictionQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const h = Math.min(n - 1, Math.max(0, p * (n + 1) - 1));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
