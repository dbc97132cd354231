// Scenario files: YAML in, a validated Scenario out, or a ScenarioError that names every bad
// field with its line (`lanes[0].service_time_s.mean: must be > 0 (line 12)`).
//
// The minimal form (Poisson arrivals into `count` parallel lanes sharing one FIFO queue, with
// exponential service: an M/M/c queue):
//
//   name: mmc
//   seed: 1
//   replications: 10
//   horizon_hours: 1000
//   warmup_hours: 50
//   arrivals:
//     - name: trucks
//       rate_per_hour: 216
//   lanes:
//     - name: primary
//       count: 4
//       service_time_s: { dist: exponential, mean: 60 }
//
// Every other section is optional; sim/README.md documents them all.
import { readFileSync } from 'node:fs';
import { distribution, type DistributionSpec } from '../random/distributions';
import {
  KPI_UNITS,
  LANE_TYPES,
  SERVICE_MODES,
  truckClasses,
  UNIT_CONVERSIONS,
  type ArrivalStream,
  type KpiMapping,
  type LaneGroup,
  type RealServices,
  type Scenario,
  type Secondary,
  type Technology,
} from './scenario';
import { ScenarioError, YamlReader, type Path } from './yaml-reader';

const TOP_FIELDS = [
  'name', 'description', 'seed', 'replications', 'horizon_hours', 'warmup_hours', 'start_date', 'series_minutes',
  'arrivals', 'truck_mix', 'lanes', 'devices', 'officers', 'secondary', 'services', 'real_services', 'publish',
] as const;

const DIST_PARAMS: Record<string, readonly string[]> = {
  exponential: ['mean'],
  deterministic: ['value'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd', 'mu', 'sigma'],
  gamma: ['shape', 'scale', 'mean', 'sd'],
  empirical: ['values', 'interpolate'],
};
const DIST_NAMES = Object.keys(DIST_PARAMS);
const KPI_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;

/** Parses and validates scenario YAML; `source` (a file name) prefixes error messages. */
export function parseScenario(text: string, source?: string): Scenario {
  const r = new YamlReader(text);
  if (!r.ok) throw new ScenarioError(r.issues, source);
  const root = r.map(r.root, [], true);
  if (!root) {
    r.issues.length = 0;
    throw new ScenarioError([{ field: '', message: 'the file must be a YAML mapping with name, horizon_hours, arrivals and lanes', line: 1 }], source);
  }
  r.known(root, [], TOP_FIELDS);

  const name = r.string(root.name, ['name'], { max: 100 }) ?? '';
  const description = r.string(root.description, ['description'], { required: false, max: 2000 }) ?? null;
  const seed = root.seed === undefined ? 1 : r.number(root.seed, ['seed'], { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }) ?? 1;
  const replications = root.replications === undefined ? 10 : r.number(root.replications, ['replications'], { min: 1, max: 100_000, integer: true }) ?? 1;
  const horizon = r.number(root.horizon_hours, ['horizon_hours'], { gt: 0, max: 24 * 366 * 10 });
  const warmup = root.warmup_hours === undefined ? 0 : r.number(root.warmup_hours, ['warmup_hours'], { min: 0 });
  if (horizon !== undefined && warmup !== undefined && warmup >= horizon) r.fail(['warmup_hours'], `must be less than horizon_hours (${horizon})`);
  const horizonHours = horizon ?? 1;
  const warmupHours = warmup ?? 0;
  const startDate = root.start_date === undefined ? '2026-11-25' : dateString(r, root.start_date, ['start_date']);
  const seriesMinutes = root.series_minutes === undefined ? 15 : r.number(root.series_minutes, ['series_minutes'], { gt: 0, max: 24 * 60 }) ?? 15;

  const arrivals = readArrivals(r, root.arrivals);
  const truckMix = readMix(r, root.truck_mix);
  const beforeLanes = r.issues.length;
  const lanes = readLanes(r, root.lanes);
  const lanesOk = r.issues.length === beforeLanes;
  const devices = readDevices(r, root.devices);
  const officers = readOfficers(r, root.officers);
  const secondary = readSecondary(r, root.secondary);
  const services = r.oneOf(root.services, ['services'], SERVICE_MODES, 'none') ?? 'none';
  const realServices = readRealServices(r, root.real_services, services);
  const publish = readPublish(r, root.publish);

  // Cross-field rules: every truck class needs somewhere to go.
  if (lanesOk && lanes.length > 0 && truckClasses({ arrivals, truckMix }).standard && !lanes.some((l) => l.type !== 'trusted')) {
    r.fail(['lanes'], 'every lane is trusted-only, but some trucks are standard (trusted_share < 1): standard trucks need a standard or mixed lane');
  }
  if (r.issues.length > 0) throw new ScenarioError(r.issues, source);
  return {
    name, description, seed, replications, horizonHours, warmupHours, startDate, seriesMinutes,
    arrivals, truckMix, lanes, devices, officers, secondary, services, realServices, publish,
  };
}

/** Reads and parses a scenario file; a missing or unreadable file is a ScenarioError too. */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a scenario file' : (error as Error).message;
    throw new ScenarioError([{ field: '', message: `cannot read the scenario: ${why}` }], file);
  }
  return parseScenario(text, file);
}

function dateString(r: YamlReader, value: unknown, path: Path): string {
  // YAML turns an unquoted 2026-11-25 into a string with the default (core) schema; accept Date too.
  const raw = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  const s = r.string(raw, path, { pattern: DATE, hint: 'must be a date YYYY-MM-DD (simulated time 0 is its midnight UTC)' });
  if (s && Number.isNaN(Date.parse(`${s}T00:00:00Z`))) return r.fail(path, `is not a real date: ${s}`) ?? '2026-11-25';
  return s ?? '2026-11-25';
}

function hourly(r: YamlReader, value: unknown, path: Path, options: { integer?: boolean; max?: number; what: string }): number[] | undefined {
  const list = r.list(value, path);
  if (!list) return undefined;
  if (list.length !== 24) return r.fail(path, `must have 24 ${options.what} (one per hour of the day, 00:00 first), got ${list.length}`);
  const out: number[] = [];
  let ok = true;
  list.forEach((v, h) => {
    const n = r.number(v, [...path, h], { min: 0, max: options.max, integer: options.integer });
    if (n === undefined) ok = false;
    else out.push(n);
  });
  return ok ? out : undefined;
}

// ---- arrivals --------------------------------------------------------------------------------

function readArrivals(r: YamlReader, value: unknown): ArrivalStream[] {
  const list = r.list(value, ['arrivals'], { min: 1, max: 50 }) ?? [];
  const names = new Set<string>();
  const out: ArrivalStream[] = [];
  list.forEach((raw, i) => {
    const path = ['arrivals', i];
    const a = r.map(raw, path);
    if (!a) return;
    r.known(a, path, ['name', 'rate_per_hour', 'trucks_per_day', 'hourly_rates', 'profile', 'process', 'trusted_share']);
    const name = r.string(a.name, [...path, 'name'], { max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, hint: 'must be letters, digits, _ . - (it names a random stream)' });
    if (name && names.has(name)) r.fail([...path, 'name'], `"${name}" is used by another arrival stream`);
    if (name) names.add(name);
    const process = r.oneOf(a.process, [...path, 'process'], ['poisson', 'deterministic'] as const, 'poisson') ?? 'poisson';
    const given = ['rate_per_hour', 'trucks_per_day', 'hourly_rates'].filter((k) => a[k] !== undefined);
    if (given.length !== 1) {
      r.fail(path, given.length === 0 ? 'needs one of rate_per_hour, trucks_per_day or hourly_rates' : `give only one of ${given.join(', ')}`);
      return;
    }
    let ratePerHour: number | null = null;
    let hourlyRates: number[] | null = null;
    const profile = a.profile === undefined ? undefined : hourly(r, a.profile, [...path, 'profile'], { what: 'multipliers' });
    if (a.profile !== undefined && a.hourly_rates !== undefined) r.fail([...path, 'profile'], 'cannot be combined with hourly_rates (they already are the profile)');
    if (a.rate_per_hour !== undefined) {
      const rate = r.number(a.rate_per_hour, [...path, 'rate_per_hour'], { min: 0 });
      if (rate === undefined) return;
      if (profile) hourlyRates = profile.map((m) => rate * m);
      else ratePerHour = rate;
    } else if (a.trucks_per_day !== undefined) {
      const perDay = r.number(a.trucks_per_day, [...path, 'trucks_per_day'], { min: 0 });
      if (perDay === undefined) return;
      if (profile) {
        const total = profile.reduce((x, y) => x + y, 0);
        if (total <= 0) return void r.fail([...path, 'profile'], 'must have at least one multiplier above 0');
        hourlyRates = profile.map((m) => (perDay * m) / total);
      } else ratePerHour = perDay / 24;
    } else {
      const rates = hourly(r, a.hourly_rates, [...path, 'hourly_rates'], { what: 'rates' });
      if (!rates) return;
      hourlyRates = rates;
    }
    if (process === 'deterministic' && hourlyRates !== null) r.fail([...path, 'process'], 'deterministic arrivals need a constant rate (rate_per_hour or trucks_per_day without a profile)');
    if (process === 'deterministic' && ratePerHour === 0) r.fail([...path, 'rate_per_hour'], 'must be > 0 for deterministic arrivals');
    const trustedShare = a.trusted_share === undefined ? null : (r.probability(a.trusted_share, [...path, 'trusted_share'], 0) ?? null);
    if (name) out.push({ name, process, ratePerHour, hourlyRates, trustedShare });
  });
  return out;
}

// ---- truck mix -------------------------------------------------------------------------------

function readMix(r: YamlReader, value: unknown): Scenario['truckMix'] {
  const m = r.map(value, ['truck_mix'], false) ?? {};
  r.known(m, ['truck_mix'], ['trusted_share', 'prelodged_share', 'referral_probability', 'no_declaration_referral_probability']);
  const trustedShare = r.probability(m.trusted_share, ['truck_mix', 'trusted_share'], 0);
  const prelodgedShare = r.probability(m.prelodged_share, ['truck_mix', 'prelodged_share'], 1);
  let referral = { standard: 0, trusted: 0 };
  const raw = m.referral_probability;
  if (typeof raw === 'number' || raw === undefined || raw === null) {
    const p = r.probability(raw, ['truck_mix', 'referral_probability'], 0);
    referral = { standard: p, trusted: p };
  } else {
    const byClass = r.map(raw, ['truck_mix', 'referral_probability']);
    if (byClass) {
      r.known(byClass, ['truck_mix', 'referral_probability'], ['standard', 'trusted']);
      const standard = r.probability(byClass.standard, ['truck_mix', 'referral_probability', 'standard'], 0);
      referral = { standard, trusted: r.probability(byClass.trusted, ['truck_mix', 'referral_probability', 'trusted'], standard) };
    }
  }
  const noDeclarationReferral = r.probability(m.no_declaration_referral_probability, ['truck_mix', 'no_declaration_referral_probability'], 1);
  return { trustedShare, prelodgedShare, referral, noDeclarationReferral };
}

// ---- lanes -----------------------------------------------------------------------------------

function readLanes(r: YamlReader, value: unknown): LaneGroup[] {
  const list = r.list(value, ['lanes'], { min: 1, max: 64 }) ?? [];
  const names = new Set<string>();
  const out: LaneGroup[] = [];
  list.forEach((raw, i) => {
    const path: Path = ['lanes', i];
    const l = r.map(raw, path);
    if (!l) return;
    r.known(l, path, ['name', 'count', 'type', 'schedule', 'service_time_s', 'trusted_service_time_s', 'technology', 'automated_service_time_s', 'fallback_extra_s']);
    const name = r.string(l.name, [...path, 'name'], { max: 64 });
    if (name && names.has(name)) r.fail([...path, 'name'], `"${name}" is used by another lane group`);
    if (name) names.add(name);
    const count = r.number(l.count, [...path, 'count'], { min: 1, max: 64, integer: true });
    const type = r.oneOf(l.type, [...path, 'type'], LANE_TYPES, 'standard') ?? 'standard';
    const schedule = l.schedule === undefined ? null : hourly(r, l.schedule, [...path, 'schedule'], { integer: true, max: count, what: 'lane counts' }) ?? null;
    const serviceTime = dist(r, l.service_time_s, [...path, 'service_time_s']);
    const trustedServiceTime = l.trusted_service_time_s === undefined ? null : dist(r, l.trusted_service_time_s, [...path, 'trusted_service_time_s']) ?? null;
    const technology = readTechnology(r, l.technology, [...path, 'technology']);
    let automatedServiceTime: DistributionSpec | null = null;
    if (l.automated_service_time_s !== undefined) {
      automatedServiceTime = dist(r, l.automated_service_time_s, [...path, 'automated_service_time_s']) ?? null;
      if (!technology.rfid) r.fail([...path, 'automated_service_time_s'], 'needs technology.rfid: true (the automated path starts with the transponder read)');
    } else if (technology.rfid) {
      r.fail([...path, 'automated_service_time_s'], 'is required when technology.rfid is true (the PIL time of the automated path)');
    }
    const fallbackExtra = l.fallback_extra_s === undefined ? ({ type: 'deterministic', value: 0 } as const) : dist(r, l.fallback_extra_s, [...path, 'fallback_extra_s']);
    if (name && count !== undefined && serviceTime && fallbackExtra) {
      out.push({ name, count, type, schedule, serviceTime, trustedServiceTime, technology, automatedServiceTime, fallbackExtra });
    }
  });
  return out;
}

function readTechnology(r: YamlReader, value: unknown, path: Path): Technology {
  const t = r.map(value, path, false);
  if (!t) return { rfid: false, lpr: false, cctv: false, voip: false };
  r.known(t, path, ['rfid', 'lpr', 'cctv', 'voip']);
  return {
    rfid: r.boolean(t.rfid, [...path, 'rfid'], false),
    lpr: r.boolean(t.lpr, [...path, 'lpr'], false),
    cctv: r.boolean(t.cctv, [...path, 'cctv'], false),
    voip: r.boolean(t.voip, [...path, 'voip'], false),
  };
}

function readDevices(r: YamlReader, value: unknown): Scenario['devices'] {
  const d = r.map(value, ['devices'], false) ?? {};
  r.known(d, ['devices'], ['rfid_read_rate', 'lpr_accuracy', 'cctv_match_rate', 'voip_call_probability', 'voip_call_time_s']);
  return {
    rfidReadRate: r.probability(d.rfid_read_rate, ['devices', 'rfid_read_rate'], 1),
    lprAccuracy: r.probability(d.lpr_accuracy, ['devices', 'lpr_accuracy'], 1),
    cctvMatchRate: r.probability(d.cctv_match_rate, ['devices', 'cctv_match_rate'], 1),
    voipCallProbability: r.probability(d.voip_call_probability, ['devices', 'voip_call_probability'], 0),
    voipCallTime: d.voip_call_time_s === undefined ? { type: 'deterministic', value: 0 } : dist(r, d.voip_call_time_s, ['devices', 'voip_call_time_s']) ?? { type: 'deterministic', value: 0 },
  };
}

function readOfficers(r: YamlReader, value: unknown): Scenario['officers'] {
  const o = r.map(value, ['officers'], false) ?? {};
  r.known(o, ['officers'], ['follow_probability', 'decision_time_s']);
  return {
    followProbability: r.probability(o.follow_probability, ['officers', 'follow_probability'], 1),
    decisionTime: o.decision_time_s === undefined ? { type: 'deterministic', value: 0 } : dist(r, o.decision_time_s, ['officers', 'decision_time_s']) ?? { type: 'deterministic', value: 0 },
  };
}

function readSecondary(r: YamlReader, value: unknown): Secondary | null {
  const s = r.map(value, ['secondary'], false);
  if (!s) return null;
  r.known(s, ['secondary'], ['bays', 'schedule', 'inspection_time_s']);
  const bays = r.number(s.bays, ['secondary', 'bays'], { min: 1, max: 1000, integer: true });
  const schedule = s.schedule === undefined ? null : hourly(r, s.schedule, ['secondary', 'schedule'], { integer: true, max: bays, what: 'bay counts' }) ?? null;
  const inspectionTime = dist(r, s.inspection_time_s, ['secondary', 'inspection_time_s']);
  return bays !== undefined && inspectionTime ? { bays, schedule, inspectionTime } : null;
}

function readRealServices(r: YamlReader, value: unknown, services: string): RealServices | null {
  const s = r.map(value, ['real_services'], false);
  if (s && services !== 'real') r.fail(['real_services'], 'only applies with services: real');
  if (services !== 'real') return null;
  const m = s ?? {};
  r.known(m, ['real_services'], ['lodge_lead_min', 'office', 'declaration_items', 'risk_random_sampling_rate', 'passage_window_s']);
  const lodgeLeadMinutes = m.lodge_lead_min === undefined ? ({ type: 'uniform', min: 60, max: 240 } as const) : dist(r, m.lodge_lead_min, ['real_services', 'lodge_lead_min']);
  if (lodgeLeadMinutes && distributionMax(lodgeLeadMinutes) === undefined) {
    r.fail(['real_services', 'lodge_lead_min'], 'must be bounded (deterministic, uniform, triangular or empirical): the simulator looks that far ahead');
  }
  const office = r.string(m.office, ['real_services', 'office'], { required: false, pattern: LOCODE, hint: 'must be a UN/LOCODE such as CAWND or USDET' }) ?? 'CAWND';
  let declarationItems: RealServices['declarationItems'] = null;
  if (m.declaration_items !== undefined) {
    const path = ['real_services', 'declaration_items'];
    if (typeof m.declaration_items === 'number') {
      const n = r.number(m.declaration_items, path, { min: 1, max: 999, integer: true });
      if (n !== undefined) declarationItems = { min: n, max: n };
    } else {
      const range = r.map(m.declaration_items, path);
      if (range) {
        r.known(range, path, ['min', 'max']);
        const min = r.number(range.min, [...path, 'min'], { min: 1, max: 999, integer: true });
        const max = r.number(range.max, [...path, 'max'], { min: 1, max: 999, integer: true });
        if (min !== undefined && max !== undefined && max < min) r.fail([...path, 'max'], `must be >= min (${min})`);
        else if (min !== undefined && max !== undefined) declarationItems = { min, max };
      }
    }
  }
  const riskRandomSamplingRate = r.probability(m.risk_random_sampling_rate, ['real_services', 'risk_random_sampling_rate'], 0);
  const passageWindowSeconds = m.passage_window_s === undefined ? 20 : r.number(m.passage_window_s, ['real_services', 'passage_window_s'], { min: 1, max: 600, integer: true }) ?? 20;
  return { lodgeLeadMinutes: lodgeLeadMinutes ?? { type: 'uniform', min: 60, max: 240 }, office, declarationItems, riskRandomSamplingRate, passageWindowSeconds };
}

function readPublish(r: YamlReader, value: unknown): Scenario['publish'] {
  const p = r.map(value, ['publish'], false) ?? {};
  r.known(p, ['publish'], ['kpi_map', 'iteration']);
  const iteration = r.string(p.iteration, ['publish', 'iteration'], { required: false, max: 128 }) ?? null;
  const kpiMap: Record<string, KpiMapping> = {};
  const map = r.map(p.kpi_map, ['publish', 'kpi_map'], false);
  for (const [name, target] of Object.entries(map ?? {})) {
    const path = ['publish', 'kpi_map', name];
    const unitFrom = KPI_UNITS[name];
    if (!unitFrom) {
      r.fail(path, `is not a simulation KPI (one of: ${Object.keys(KPI_UNITS).join(', ')})`);
      continue;
    }
    if (typeof target === 'string') {
      const kpi = r.string(target, path, { pattern: KPI_KEY, hint: 'must be a KPI key: 1-64 letters, digits and _ . : -' });
      if (kpi) kpiMap[name] = { kpi, unit: null };
      continue;
    }
    const m = r.map(target, path);
    if (!m) continue;
    r.known(m, path, ['kpi', 'unit']);
    const kpi = r.string(m.kpi, [...path, 'kpi'], { pattern: KPI_KEY, hint: 'must be a KPI key: 1-64 letters, digits and _ . : -' });
    const units = UNIT_CONVERSIONS[unitFrom];
    const unit = m.unit === undefined ? null : r.oneOf(m.unit, [...path, 'unit'], Object.keys(units)) ?? null;
    if (kpi) kpiMap[name] = { kpi, unit };
  }
  return { kpiMap, iteration };
}

// ---- distributions ---------------------------------------------------------------------------

/**
 * A duration distribution: a number (a constant) or `{dist: NAME, ...parameters}` with NAME one of
 * exponential {mean}, deterministic {value}, uniform {min, max}, triangular {min, mode, max},
 * normal {mean, sd}, lognormal {mean, sd} or {mu, sigma}, gamma {shape, scale} or {mean, sd},
 * empirical {values, interpolate?}. Values are seconds (minutes where the field says _min).
 */
function dist(r: YamlReader, value: unknown, path: Path): DistributionSpec | undefined {
  if (value === undefined || value === null) return r.fail(path, `is required: a number of seconds or {dist: ${DIST_NAMES.join('|')}, ...}`);
  if (typeof value === 'number') {
    const v = r.number(value, path, { min: 0 });
    return v === undefined ? undefined : { type: 'deterministic', value: v };
  }
  const m = r.map(value, path);
  if (!m) return undefined;
  const kindKey = m.dist !== undefined ? 'dist' : 'type';
  const kind = r.oneOf(m[kindKey], [...path, kindKey], DIST_NAMES as readonly string[]);
  if (!kind) return undefined;
  r.known(m, path, [kindKey, ...DIST_PARAMS[kind]]);
  const p = (name: string, options: Parameters<YamlReader['number']>[2] = {}) => r.number(m[name], [...path, name], options);
  const before = r.issues.length;
  let spec: DistributionSpec | undefined;
  switch (kind) {
    case 'exponential': {
      const mean = p('mean', { gt: 0 });
      if (mean !== undefined) spec = { type: 'exponential', mean };
      break;
    }
    case 'deterministic': {
      const v = p('value', { min: 0 });
      if (v !== undefined) spec = { type: 'deterministic', value: v };
      break;
    }
    case 'uniform': {
      const min = p('min', { min: 0 });
      const max = p('max', { min: 0 });
      if (min !== undefined && max !== undefined) spec = max >= min ? { type: 'uniform', min, max } : r.fail([...path, 'max'], `must be >= min (${min})`);
      break;
    }
    case 'triangular': {
      const min = p('min', { min: 0 });
      const mode = p('mode', { min: 0 });
      const max = p('max', { min: 0 });
      if (min !== undefined && mode !== undefined && max !== undefined) {
        if (!(min <= mode && mode <= max)) r.fail([...path, 'mode'], `must lie between min (${min}) and max (${max})`);
        else if (!(max > min)) r.fail([...path, 'max'], `must be > min (${min}); use a number for a constant`);
        else spec = { type: 'triangular', min, mode, max };
      }
      break;
    }
    case 'normal': {
      const mean = p('mean', { min: 0 });
      const sd = p('sd', { min: 0 });
      if (mean !== undefined && sd !== undefined) spec = { type: 'normal', mean, sd };
      break;
    }
    case 'lognormal': {
      if (m.mu !== undefined || m.sigma !== undefined) {
        const mu = p('mu');
        const sigma = p('sigma', { min: 0 });
        if (m.mean !== undefined || m.sd !== undefined) r.fail(path, 'give either mean and sd, or mu and sigma');
        else if (mu !== undefined && sigma !== undefined) spec = { type: 'lognormal', mu, sigma };
      } else {
        const mean = p('mean', { gt: 0 });
        const sd = p('sd', { min: 0 });
        if (mean !== undefined && sd !== undefined) spec = { type: 'lognormal', mean, sd };
      }
      break;
    }
    case 'gamma': {
      if (m.shape !== undefined || m.scale !== undefined) {
        const shape = p('shape', { gt: 0 });
        const scale = p('scale', { gt: 0 });
        if (m.mean !== undefined || m.sd !== undefined) r.fail(path, 'give either shape and scale, or mean and sd');
        else if (shape !== undefined && scale !== undefined) spec = { type: 'gamma', shape, scale };
      } else {
        const mean = p('mean', { gt: 0 });
        const sd = p('sd', { gt: 0 });
        if (mean !== undefined && sd !== undefined) spec = { type: 'gamma', mean, sd };
      }
      break;
    }
    case 'empirical': {
      const values = r.list(m.values, [...path, 'values'], { min: 1, max: 100_000 });
      const interpolate = r.boolean(m.interpolate, [...path, 'interpolate'], false);
      if (values) {
        const nums = values.map((v, i) => r.number(v, [...path, 'values', i], { min: 0 }));
        if (nums.every((n) => n !== undefined)) spec = { type: 'empirical', values: nums as number[], interpolate };
      }
      break;
    }
  }
  if (!spec || r.issues.length > before) return undefined;
  try {
    distribution(spec);
  } catch (error) {
    return r.fail(path, (error as Error).message);
  }
  return spec;
}

/** The largest value a bounded distribution can take; undefined when unbounded. */
export function distributionMax(spec: DistributionSpec): number | undefined {
  switch (spec.type) {
    case 'deterministic':
      return spec.value;
    case 'uniform':
      return spec.max;
    case 'triangular':
      return spec.max;
    case 'empirical':
      return Math.max(...spec.values);
    default:
      return undefined;
  }
}
