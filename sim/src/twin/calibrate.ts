// Calibration: from a crossing's passage telemetry to a scenario in the simulator's full form.
// Every fitted parameter is written with a comment giving its estimate, sample size and fit,
// and the YAML is read back by the scenario parser, so what comes out always runs.
import { DAY_SECONDS } from '../kernel/schedule';
import type { DistributionSpec } from '../random/distributions';
import { parseScenario } from '../scenario/parse-scenario';
import { LANE_TYPES, type LaneType, type Scenario } from '../scenario/scenario';
import { cdfOf, fitBest, FitError, ksStatistic, type DistributionFit } from './fit';
import type { TelemetryEvent } from './types';
import { round } from '../stats/summary';

/** Too little telemetry to fit a scenario (the message says what is missing). */
export class CalibrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalibrationError';
  }
}

/** Complete PIL services (start and end) needed at least. */
export const MIN_SERVICES = 20;
/** Below this many services a lane type takes the pooled PIL-time fit of all lanes. */
const MIN_PER_TYPE = 10;
/** A mixed lane gets a separate trusted PIL time when both classes have this many services. */
const MIN_PER_CLASS = 30;
/** Observations needed before a rejected family gives way to the empirical distribution. */
const EMPIRICAL_MIN = 200;
/** Idle hours between two busy ones that still count as open. */
const MAX_IDLE_HOURS = 2;

/** One truck's visit, assembled from its events (times in ms since the epoch). */
export interface Visit {
  truckId: string;
  trusted: boolean | null;
  laneId: string | null;
  laneType: LaneType | null;
  arrival: number | null;
  pilStart: number | null;
  pilEnd: number | null;
  secondaryStart: number | null;
  secondaryEnd: number | null;
  exit: number | null;
  referred: boolean | null;
}

export function visitsOf(events: readonly TelemetryEvent[]): Visit[] {
  const visits = new Map<string, Visit>();
  for (const e of events) {
    let v = visits.get(e.truckId);
    if (!v) {
      v = { truckId: e.truckId, trusted: null, laneId: null, laneType: null, arrival: null, pilStart: null, pilEnd: null, secondaryStart: null, secondaryEnd: null, exit: null, referred: null };
      visits.set(e.truckId, v);
    }
    const t = Date.parse(e.at);
    if (e.trusted !== undefined) v.trusted = e.trusted;
    if (e.laneId !== undefined) v.laneId = e.laneId;
    if (e.laneType !== undefined) v.laneType = e.laneType;
    if (e.referred !== undefined) v.referred = e.referred;
    switch (e.type) {
      case 'arrival': v.arrival = t; break;
      case 'pil_start': v.pilStart = t; break;
      case 'pil_end': v.pilEnd = t; break;
      case 'secondary_start': v.secondaryStart = t; break;
      case 'secondary_end': v.secondaryEnd = t; break;
      case 'exit': v.exit = t; break;
    }
  }
  return [...visits.values()];
}

/** What calibration found, parameter by parameter (also written as comments in the YAML). */
export interface CalibrationReport {
  events: number;
  trucks: number;
  window: { from: string; to: string; hours: number };
  arrivals: Array<{ stream: string; trusted: boolean; n: number; perDay: number; hourlyRates: number[]; source: 'arrival' | 'pil_start' }>;
  lanes: Array<{ type: LaneType; lanes: number; laneIds: string[]; schedule: number[]; services: number; fit: FitSummary; trustedFit: FitSummary | null }>;
  referral: { standard: Rate; trusted: Rate };
  secondary: { inspections: number; bays: number; fit: FitSummary } | null;
  notes: string[];
}

export interface Rate {
  referred: number;
  n: number;
  rate: number;
}

export interface FitSummary {
  family: string;
  spec: DistributionSpec;
  n: number;
  mean: number;
  sd: number;
  ks: number;
  ks_p: number;
  aic: number | null;
  /** The other families tried, with their KS statistic and AIC. */
  alternatives: Array<{ family: string; ks: number; aic: number }>;
}

export interface CalibrateOptions {
  name?: string;
  seed?: number;
}

/**
 * Fits a scenario to the telemetry: hourly arrival profiles by class (trusted, standard), PIL
 * time per lane type (exponential, lognormal or gamma, whichever has the lowest AIC; KS
 * reported), referral rate by class, secondary inspection time and bays, and the lanes seen
 * open by hour. The lanes are modelled as keyed by hand (no devices): the observed PIL time
 * already includes whatever technology the lane has.
 */
export function calibrate(events: readonly TelemetryEvent[], options: CalibrateOptions = {}): { scenario: Scenario; yaml: string; report: CalibrationReport } {
  if (events.length === 0) throw new CalibrationError('no telemetry events');
  const notes: string[] = [];
  const visits = visitsOf(events);
  let from = Infinity;
  let to = -Infinity;
  for (const e of events) {
    const t = Date.parse(e.at);
    if (t < from) from = t;
    if (t > to) to = t;
  }
  const served = visits.filter((v) => v.pilStart !== null && v.pilEnd !== null);
  if (served.length < MIN_SERVICES) throw new CalibrationError(`too little telemetry: ${served.length} complete PIL services (pil_start and pil_end), need at least ${MIN_SERVICES}`);
  const spanHours = (to - from) / 3_600_000;
  if (spanHours < 1) throw new CalibrationError(`too little telemetry: the events span ${(spanHours * 60).toFixed(1)} minutes, need at least an hour`);
  const exposure = hourExposure(from, to);

  // Lane types: as the events say, else inferred from the classes a lane served.
  const laneTypeOf = new Map<string, LaneType>();
  const laneClasses = new Map<string, Set<boolean>>();
  for (const v of visits) {
    if (v.laneId === null) continue;
    if (v.laneType !== null) laneTypeOf.set(v.laneId, v.laneType);
    if (v.trusted !== null) setOf(laneClasses, v.laneId).add(v.trusted);
  }
  for (const [lane, classes] of laneClasses) {
    if (laneTypeOf.has(lane)) continue;
    laneTypeOf.set(lane, classes.has(true) && classes.has(false) ? 'mixed' : classes.has(true) ? 'trusted' : 'standard');
    notes.push(`lane ${lane}: no laneType in the events, taken as ${laneTypeOf.get(lane)} from the trucks it served`);
  }
  const typeOf = (v: Visit): LaneType => v.laneType ?? (v.laneId !== null ? laneTypeOf.get(v.laneId) : undefined) ?? 'standard';
  const isTrusted = (v: Visit): boolean => v.trusted ?? typeOf(v) === 'trusted';
  if (visits.some((v) => v.trusted === null)) notes.push(`${visits.filter((v) => v.trusted === null).length} trucks without a trusted flag: counted as standard unless seen on a trusted lane`);

  // Arrivals by class, per hour of the day.
  const withArrival = visits.filter((v) => v.arrival !== null);
  const arrivalSource: 'arrival' | 'pil_start' = withArrival.length > 0 ? 'arrival' : 'pil_start';
  if (arrivalSource === 'pil_start') notes.push('no arrival events: arrivals are taken at PIL start, so the fitted demand misses trucks still queued and waits are not observed');
  const arrivals: CalibrationReport['arrivals'] = [];
  for (const trusted of [true, false]) {
    const counts = new Array<number>(24).fill(0);
    let n = 0;
    for (const v of visits) {
      const t = arrivalSource === 'arrival' ? v.arrival : v.pilStart;
      if (t === null || isTrusted(v) !== trusted) continue;
      counts[hourOfDay(t)]++;
      n++;
    }
    if (n === 0) continue;
    const rates = counts.map((c, h) => (exposure[h] > 0 ? c / exposure[h] : NaN));
    const observed = rates.filter((r) => Number.isFinite(r));
    const mean = observed.reduce((a, b) => a + b, 0) / observed.length;
    const hourlyRates = rates.map((r) => round(Number.isFinite(r) ? r : mean, 3));
    arrivals.push({ stream: trusted ? 'trusted' : 'standard', trusted, n, perDay: round(hourlyRates.reduce((a, b) => a + b, 0), 1), hourlyRates, source: arrivalSource });
  }
  if (exposure.some((e) => e === 0)) notes.push(`hours never observed (${exposure.flatMap((e, h) => (e === 0 ? [pad(h)] : [])).join(', ')}): their arrival rate is the mean of the observed hours`);

  // PIL time per lane type (pooled fit for thinly observed types), lanes open by hour.
  const pooled = fitDurations((served.map((v) => ((v.pilEnd as number) - (v.pilStart as number)) / 1000)));
  const lanes: CalibrationReport['lanes'] = [];
  for (const type of LANE_TYPES) {
    const ofType = served.filter((v) => typeOf(v) === type);
    if (ofType.length === 0) continue;
    const durations = (list: Visit[]) => list.map((v) => ((v.pilEnd as number) - (v.pilStart as number)) / 1000);
    let fit = pooled;
    let trustedFit: FitSummary | null = null;
    if (ofType.length >= MIN_PER_TYPE) {
      const standardOnes = ofType.filter((v) => !isTrusted(v));
      const trustedOnes = ofType.filter((v) => isTrusted(v));
      if (type === 'mixed' && standardOnes.length >= MIN_PER_CLASS && trustedOnes.length >= MIN_PER_CLASS) {
        fit = fitOr(durations(standardOnes), pooled);
        trustedFit = fitOr(durations(trustedOnes), fit);
      } else {
        fit = fitOr(durations(ofType), pooled);
      }
    } else {
      notes.push(`${type} lanes: only ${ofType.length} PIL services, so they take the PIL time of all lanes`);
    }
    const laneIds = [...new Set(ofType.map((v) => v.laneId).filter((id): id is string => id !== null))].sort();
    const schedule = openByHour(ofType, from, to);
    const count = Math.max(1, laneIds.length, ...schedule);
    if (laneIds.length === 0) notes.push(`${type} lanes: no laneId in the events, so the lanes are counted as the most PIL services seen at once`);
    lanes.push({ type, lanes: count, laneIds, schedule, services: ofType.length, fit, trustedFit });
  }

  // Referrals by class: the pil_end flag, else a later secondary inspection.
  const rate = (trusted: boolean): Rate => {
    const decided = visits.filter((v) => v.pilEnd !== null && isTrusted(v) === trusted);
    const referred = decided.filter((v) => v.referred ?? v.secondaryStart !== null).length;
    return { referred, n: decided.length, rate: decided.length > 0 ? referred / decided.length : 0 };
  };
  const referral = { standard: rate(false), trusted: rate(true) };

  // Secondary: inspection time and the most inspections seen at once.
  const inspected = visits.filter((v) => v.secondaryStart !== null && v.secondaryEnd !== null);
  let secondary: CalibrationReport['secondary'] = null;
  if (inspected.length >= 2) {
    const durations = inspected.map((v) => ((v.secondaryEnd as number) - (v.secondaryStart as number)) / 1000);
    try {
      secondary = { inspections: inspected.length, bays: Math.max(1, maxConcurrent(inspected.map((v) => [v.secondaryStart as number, v.secondaryEnd as number]))), fit: fitDurations(durations) };
    } catch (error) {
      if (!(error instanceof FitError)) throw error;
      notes.push(`secondary inspections not fitted: ${error.message}`);
    }
  } else if (referral.standard.referred + referral.trusted.referred > 0) {
    notes.push('referrals seen but fewer than 2 complete secondary inspections: the scenario has no secondary bays (referred trucks leave after the PIL)');
  }

  const report: CalibrationReport = {
    events: events.length,
    trucks: visits.length,
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), hours: round(spanHours, 2) },
    arrivals,
    lanes,
    referral,
    secondary,
    notes,
  };
  const yaml = scenarioYaml(report, options);
  return { scenario: parseScenario(yaml, 'calibrated scenario'), yaml, report };
}

function fitOr(xs: number[], fallback: FitSummary): FitSummary {
  try {
    return fitDurations(xs);
  } catch (error) {
    if (error instanceof FitError) return fallback;
    throw error;
  }
}

/**
 * The best of the parametric families; when even that is rejected by the KS test (p < 0.001, as
 * for a mix of automated and manual passages) and there is plenty of data, the empirical
 * distribution (101 quantiles, interpolated) instead, with the families' fits reported.
 */
function fitDurations(xs: readonly number[]): FitSummary {
  const result = fitBest(xs);
  const best = summarize(result);
  if (result.best.ksPValue >= 0.001 || xs.length < EMPIRICAL_MIN) return best;
  const sorted = Float64Array.from(xs).sort();
  const values = Array.from({ length: 101 }, (_, i) => round(quantileSorted(sorted, i / 100), 2));
  const spec: DistributionSpec = { type: 'empirical', values, interpolate: true };
  return {
    ...best,
    family: 'empirical',
    spec,
    ks: round(ksStatistic(Array.from(sorted), cdfOf(spec)), 4),
    ks_p: NaN,
    aic: null,
    alternatives: result.fits.map((f) => ({ family: f.family, ks: round(f.ks, 4), aic: round(f.aic, 1) })),
  };
}

/** Linear-interpolation quantile (type 7) of sorted data. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function summarize(result: { best: DistributionFit; fits: DistributionFit[] }): FitSummary {
  const b = result.best;
  return {
    family: b.family,
    spec: b.spec,
    n: b.n,
    mean: round(b.mean, 2),
    sd: round(b.sd, 2),
    ks: round(b.ks, 4),
    ks_p: round(b.ksPValue, 4),
    aic: round(b.aic, 1),
    alternatives: result.fits.filter((f) => f !== b).map((f) => ({ family: f.family, ks: round(f.ks, 4), aic: round(f.aic, 1) })),
  };
}

const hourOfDay = (t: number): number => Math.floor(((t % (DAY_SECONDS * 1000)) + DAY_SECONDS * 1000) % (DAY_SECONDS * 1000) / 3_600_000);

/** Hours of observation that fall in each hour of the day (UTC) between `from` and `to`. */
function hourExposure(from: number, to: number): number[] {
  const out = new Array<number>(24).fill(0);
  for (let t = from; t < to; ) {
    const next = Math.min(to, (Math.floor(t / 3_600_000) + 1) * 3_600_000);
    out[hourOfDay(t)] += (next - t) / 3_600_000;
    t = next;
  }
  return out;
}

/**
 * Lanes seen open by hour of the day: in each clock hour, the lanes that started a PIL service in
 * it or were busy both within two hours before and after it (a lane idle for longer is not seen;
 * one finishing a service after it closed is not counted); per hour of the day, the rounded mean over
 * the days observed. Without lane ids, the most services seen at once stand for the lanes.
 */
function openByHour(visits: Visit[], from: number, to: number): number[] {
  const byHour = new Map<number, Set<string>>();
  const activeHours = new Map<string, Set<number>>();
  const withoutIds: Array<[number, number]> = [];
  for (const v of visits) {
    const start = v.pilStart as number;
    if (v.laneId === null) {
      withoutIds.push([start, v.pilEnd as number]);
      continue;
    }
    setOf(activeHours, v.laneId).add(Math.floor(start / 3_600_000));
  }
  // A lane busy before and after an idle spell of up to MAX_IDLE_HOURS was open through it (an
  // open lane the other lanes kept idle at night is still open).
  for (const [lane, hours] of activeHours) {
    const sorted = [...hours].sort((a, b) => a - b);
    sorted.forEach((h, i) => {
      setOf(byHour, h).add(lane);
      const next = sorted[i + 1];
      if (next !== undefined && next - h - 1 <= MAX_IDLE_HOURS) for (let g = h + 1; g < next; g++) setOf(byHour, g).add(lane);
    });
  }
  const sums = new Array<number>(24).fill(0);
  const days = new Array<number>(24).fill(0);
  for (let h = Math.floor(from / 3_600_000); h <= Math.floor(to / 3_600_000); h++) {
    // Hours observed for less than half their length would understate the lanes open.
    if (Math.min(to, (h + 1) * 3_600_000) - Math.max(from, h * 3_600_000) < 1_800_000) continue;
    const hour = h % 24;
    days[hour]++;
    let open = byHour.get(h)?.size ?? 0;
    if (withoutIds.length > 0) open = Math.max(open, maxConcurrent(withoutIds.filter(([s, e]) => e >= h * 3_600_000 && s < (h + 1) * 3_600_000)));
    sums[hour] += open;
  }
  const observed = days.map((d, h) => (d > 0 ? sums[h] / d : NaN));
  const max = Math.max(0, ...observed.filter((x) => Number.isFinite(x)));
  return observed.map((x) => Math.round(Number.isFinite(x) ? x : max));
}

/** The most intervals [start, end) overlapping at any moment. */
function maxConcurrent(intervals: Array<[number, number]>): number {
  const points: Array<[number, number]> = [];
  for (const [s, e] of intervals) points.push([s, 1], [e, -1]);
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, d] of points) {
    now += d;
    if (now > max) max = now;
  }
  return max;
}

const pad = (h: number): string => String(h).padStart(2, '0');

function specYaml(spec: DistributionSpec): string {
  const s = spec as unknown as Record<string, unknown> & { type: string };
  const { type, ...rest } = s;
  return `{ dist: ${type}, ${Object.entries(rest).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`).join(', ')} }`;
}

function fitComment(f: FitSummary): string {
  if (f.family === 'empirical') {
    return `empirical (101 quantiles) because every family is rejected by the KS test, n = ${f.n}, sample mean ${f.mean} s, sd ${f.sd} s, KS D = ${f.ks}; families: ${f.alternatives.map((a) => `${a.family} KS ${a.ks}, AIC ${a.aic}`).join('; ')}`;
  }
  const others = f.alternatives.map((a) => `${a.family} KS ${a.ks}, AIC ${a.aic}`).join('; ');
  return `${f.family} by lowest AIC (${f.aic}), n = ${f.n}, sample mean ${f.mean} s, sd ${f.sd} s, KS D = ${f.ks} (p ${f.ks_p})${others ? `; also tried: ${others}` : ''}`;
}

function list(values: readonly number[]): string {
  const rows: string[] = [];
  for (let i = 0; i < 24; i += 6) rows.push(values.slice(i, i + 6).join(', '));
  return `[${rows.join(',\n              ')}]`;
}

/** The scenario file: full form, every fitted parameter commented with estimate, sample size and fit. */
function scenarioYaml(r: CalibrationReport, options: CalibrateOptions): string {
  const total = r.arrivals.reduce((s, a) => s + a.n, 0);
  const out: string[] = [];
  const startDate = r.window.from.slice(0, 10);
  out.push(
    `# Calibrated by \`npm run sim -- calibrate\` from ${r.events} telemetry events of ${r.trucks} trucks,`,
    `# ${r.window.from} to ${r.window.to} (${r.window.hours} h). Times are UTC; hour 0 is 00:00-01:00.`,
    ...r.notes.map((n) => `# Note: ${n}`),
    `name: ${options.name ?? 'calibrated'}`,
    `description: Fitted to telemetry of ${r.window.from} to ${r.window.to} (${total} arrivals).`,
    `seed: ${options.seed ?? 1}`,
    'replications: 20',
    'horizon_hours: 48',
    'warmup_hours: 24',
    `start_date: ${startDate}`,
    'series_minutes: 15',
    '',
    'arrivals:',
  );
  for (const a of r.arrivals) {
    out.push(
      `  # ${a.stream} trucks: ${a.n} ${a.source === 'arrival' ? 'arrivals' : 'PIL starts'} / hours observed per hour of the day (Poisson; about ${a.perDay} a day)`,
      `  - name: ${a.stream}`,
      `    trusted_share: ${a.trusted ? 1 : 0}`,
      `    hourly_rates: ${list(a.hourlyRates)}`,
    );
  }
  const trustedShare = total > 0 ? round(r.arrivals.filter((a) => a.trusted).reduce((s, a) => s + a.n, 0) / total, 4) : 0;
  const ref = r.referral;
  out.push(
    '',
    'truck_mix:',
    `  trusted_share: ${trustedShare}          # observed share of trusted trucks (the streams carry their own)`,
    '  prelodged_share: 1.0',
    `  referral_probability: { standard: ${round(ref.standard.rate, 5)}, trusted: ${round(ref.trusted.rate, 5)} }   # referred / decided: standard ${ref.standard.referred}/${ref.standard.n}, trusted ${ref.trusted.referred}/${ref.trusted.n}`,
    '',
    'lanes:',
  );
  for (const l of r.lanes) {
    const always = l.schedule.every((n) => n === l.lanes);
    out.push(
      `  - name: ${l.type}`,
      `    type: ${l.type}`,
      `    count: ${l.lanes}                 # lanes seen: ${l.laneIds.length > 0 ? l.laneIds.join(', ') : 'no lane ids (most PIL services at once)'}`,
      `    # PIL time (pil_start to pil_end) of ${l.trustedFit ? 'standard trucks' : 'all trucks'}: ${fitComment(l.fit)}`,
      `    service_time_s: ${specYaml(l.fit.spec)}`,
    );
    if (l.trustedFit) out.push(`    # PIL time of trusted trucks: ${fitComment(l.trustedFit)}`, `    trusted_service_time_s: ${specYaml(l.trustedFit.spec)}`);
    if (!always) out.push('    # lanes that served a truck in each hour of the day (rounded mean over the days observed)', `    schedule: ${list(l.schedule.map((n) => Math.min(n, l.lanes)))}`);
  }
  out.push(
    '',
    '# The observed PIL times include the lanes\' devices and the officer\'s decision, so no technology',
    '# or decision time is added here.',
    'officers:',
    '  follow_probability: 1',
    '  decision_time_s: { dist: deterministic, value: 0 }',
  );
  if (r.secondary) {
    out.push(
      '',
      'secondary:',
      `  bays: ${r.secondary.bays}                    # most inspections seen at once (${r.secondary.inspections} inspections)`,
      `  # inspection time (secondary_start to secondary_end): ${fitComment(r.secondary.fit)}`,
      `  inspection_time_s: ${specYaml(r.secondary.fit.spec)}`,
    );
  }
  return `${out.join('\n')}\n`;
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
