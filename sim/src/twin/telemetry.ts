// Passage telemetry in JSON lines: reading it (every bad line reported with its number), writing
// it, checking that each truck's events agree with each other, and producing it from the model.
import { Environment } from '../kernel/environment';
import { HOUR_SECONDS } from '../kernel/schedule';
import { BorderModel, type ModelTelemetry } from '../model/border-model';
import { RandomStreams } from '../random/stream';
import { LANE_TYPES, type LaneType, type Scenario } from '../scenario/scenario';
import { TELEMETRY_TYPES, type TelemetryEvent, type TelemetryType } from './types';

/** One problem with a telemetry file: `line` is 1-based, `field` the event field at fault ('' for the whole line). */
export interface TelemetryIssue {
  line: number;
  field: string;
  message: string;
}

/** Telemetry that cannot be used; `issues` lists the problems (the first MAX_ISSUES). */
export class TelemetryError extends Error {
  constructor(readonly issues: readonly TelemetryIssue[], readonly total = issues.length) {
    super(
      [`invalid telemetry (${total} problem${total === 1 ? '' : 's'})`, ...issues.slice(0, 20).map((i) => `  line ${i.line}${i.field ? `, ${i.field}` : ''}: ${i.message}`), ...(total > 20 ? [`  … and ${total - 20} more`] : [])].join('\n'),
    );
    this.name = 'TelemetryError';
  }
}

const MAX_ISSUES = 1000;
const MAX_ID = 128;
/** ISO 8601 date-time with a zone (Z or ±hh:mm), as the export writes and devices send. */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The order of a visit's events: each must not come before the ones it follows. */
const ORDER: Readonly<Record<TelemetryType, number>> = { arrival: 0, pil_start: 1, pil_end: 2, secondary_start: 3, secondary_end: 4, exit: 5 };

/**
 * Reads JSON lines into events (blank lines skipped; unknown fields ignored, so producers may add
 * their own). Throws a TelemetryError listing every line that does not parse and every truck
 * whose events contradict each other (see `checkVisits`). `truckId` names one visit.
 */
export function parseTelemetry(text: string): TelemetryEvent[] {
  const issues: TelemetryIssue[] = [];
  let total = 0;
  const fail = (line: number, field: string, message: string) => {
    total++;
    if (issues.length < MAX_ISSUES) issues.push({ line, field, message });
  };
  const events: TelemetryEvent[] = [];
  const lineOf: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return fail(line, '', `not JSON: ${(error as Error).message}`);
    }
    const event = readEvent(value, (field, message) => fail(line, field, message));
    if (event) {
      events.push(event);
      lineOf.push(line);
    }
  });
  for (const problem of checkVisits(events)) fail(lineOf[problem.index], problem.field, problem.message);
  if (total > 0) throw new TelemetryError(issues, total);
  return events;
}

function readEvent(value: unknown, fail: (field: string, message: string) => void): TelemetryEvent | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('', 'each line must be a JSON object {type, truckId, at, ...}');
    return null;
  }
  const o = value as Record<string, unknown>;
  let ok = true;
  const bad = (field: string, message: string) => {
    ok = false;
    fail(field, message);
  };
  if (!TELEMETRY_TYPES.includes(o.type as TelemetryType)) bad('type', `must be one of ${TELEMETRY_TYPES.join(', ')}, got ${show(o.type)}`);
  const truckId = typeof o.truckId === 'number' && Number.isSafeInteger(o.truckId) ? String(o.truckId) : o.truckId;
  if (typeof truckId !== 'string' || truckId.trim() === '' || truckId.length > MAX_ID) bad('truckId', `must be a non-empty string of at most ${MAX_ID} characters, got ${show(o.truckId)}`);
  if (typeof o.at !== 'string' || !ISO_DATE_TIME.test(o.at) || !Number.isFinite(Date.parse(o.at))) bad('at', `must be an ISO 8601 date-time with a zone, e.g. 2026-11-25T07:15:00Z, got ${show(o.at)}`);
  if (o.laneId !== undefined && o.laneId !== null && (typeof o.laneId !== 'string' || o.laneId.trim() === '' || o.laneId.length > MAX_ID)) bad('laneId', `must be a non-empty string of at most ${MAX_ID} characters, got ${show(o.laneId)}`);
  if (o.laneType !== undefined && o.laneType !== null && !LANE_TYPES.includes(o.laneType as LaneType)) bad('laneType', `must be one of ${LANE_TYPES.join(', ')}, got ${show(o.laneType)}`);
  for (const flag of ['trusted', 'referred'] as const) if (o[flag] !== undefined && o[flag] !== null && typeof o[flag] !== 'boolean') bad(flag, `must be true or false, got ${show(o[flag])}`);
  if (!ok) return null;
  const event: TelemetryEvent = { type: o.type as TelemetryType, truckId: truckId as string, at: new Date(Date.parse(o.at as string)).toISOString() };
  if (typeof o.laneId === 'string') event.laneId = o.laneId;
  if (typeof o.laneType === 'string') event.laneType = o.laneType as LaneType;
  if (typeof o.trusted === 'boolean') event.trusted = o.trusted;
  if (typeof o.referred === 'boolean') event.referred = o.referred;
  return event;
}

const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/** A contradiction between a truck's events; `index` is the event at fault. */
export interface VisitProblem {
  index: number;
  field: string;
  message: string;
}

/**
 * Each truck (one visit) has at most one event of each type, in the order arrival, pil_start,
 * pil_end, secondary_start, secondary_end, exit (equal times allowed); its lane and class agree
 * across events, and a truck with secondary events was not released (referred: false).
 * Missing events are allowed: an export window cuts visits at its edges.
 */
export function checkVisits(events: readonly TelemetryEvent[]): VisitProblem[] {
  const problems: VisitProblem[] = [];
  const byTruck = new Map<string, number[]>();
  events.forEach((e, i) => {
    const list = byTruck.get(e.truckId);
    if (list) list.push(i);
    else byTruck.set(e.truckId, [i]);
  });
  for (const [truck, indexes] of byTruck) {
    const seen = new Map<TelemetryType, number>();
    for (const i of indexes) {
      const e = events[i];
      const first = seen.get(e.type);
      if (first !== undefined) problems.push({ index: i, field: 'type', message: `truck ${truck} already has a ${e.type} event (at ${events[first].at}); truckId must name one visit` });
      else seen.set(e.type, i);
    }
    const ordered = [...seen.entries()].sort((a, b) => ORDER[a[0]] - ORDER[b[0]]);
    for (let k = 1; k < ordered.length; k++) {
      const [type, i] = ordered[k];
      for (let j = 0; j < k; j++) {
        const [before, b] = ordered[j];
        if (Date.parse(events[i].at) < Date.parse(events[b].at)) {
          problems.push({ index: i, field: 'at', message: `truck ${truck}: ${type} at ${events[i].at} is before its ${before} at ${events[b].at}` });
          break;
        }
      }
    }
    const start = seen.get('pil_start');
    const end = seen.get('pil_end');
    if (start !== undefined && end !== undefined) {
      const a = events[start];
      const b = events[end];
      if (a.laneId !== undefined && b.laneId !== undefined && a.laneId !== b.laneId) problems.push({ index: end, field: 'laneId', message: `truck ${truck}: pil_end on lane ${b.laneId} but pil_start on lane ${a.laneId}` });
    }
    const classes = indexes.filter((i) => events[i].trusted !== undefined);
    const mismatch = classes.find((i) => events[i].trusted !== events[classes[0]].trusted);
    if (mismatch !== undefined) problems.push({ index: mismatch, field: 'trusted', message: `truck ${truck}: trusted is ${events[mismatch].trusted} here but ${events[classes[0]].trusted} on another event` });
    if (end !== undefined && events[end].referred === false && seen.has('secondary_start')) {
      problems.push({ index: seen.get('secondary_start') as number, field: 'type', message: `truck ${truck}: secondary inspection after a pil_end with referred: false` });
    }
  }
  return problems.sort((a, b) => a.index - b.index);
}

/** Events as JSON lines, in the given order, with a trailing newline. */
export function telemetryJsonl(events: readonly TelemetryEvent[]): string {
  let out = '';
  for (const e of events) {
    const line: TelemetryEvent = { type: e.type, truckId: e.truckId, at: e.at };
    if (e.laneId !== undefined) line.laneId = e.laneId;
    if (e.laneType !== undefined) line.laneType = e.laneType;
    if (e.trusted !== undefined) line.trusted = e.trusted;
    if (e.referred !== undefined) line.referred = e.referred;
    out += `${JSON.stringify(line)}\n`;
  }
  return out;
}

/** Sorts events by time, then by their order within a visit (stable). */
export function byTime(events: readonly TelemetryEvent[]): TelemetryEvent[] {
  return events
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => a.t - b.t || ORDER[a.e.type] - ORDER[b.e.type] || a.i - b.i)
    .map((x) => x.e);
}

export interface SimulateTelemetryOptions {
  seed?: number;
  replication?: number;
  /** Simulated hours (default: the scenario's horizon). Events of the warm-up are included. */
  hours?: number;
  /** Truck ids are `${prefix}${n}` (default 'T'). */
  prefix?: string;
  /** Simulated time 0 is midnight UTC of this date (YYYY-MM-DD; default the scenario's start date). */
  startDate?: string;
  /**
   * The `hours` before this time instead (the scenario's profiles on the UTC clock): trucks that
   * arrived in that window, with their events up to `until` (demo and test data "up to now").
   */
  until?: Date;
}

/**
 * A crossing's telemetry as the pure model produces it: a known truth for calibration tests and
 * demo data. Times are ISO 8601 from the scenario's start date.
 */
export function simulateTelemetry(scenario: Scenario, options: SimulateTelemetryOptions = {}): TelemetryEvent[] {
  if (options.until) {
    const { until, ...rest } = options;
    const end = until.getTime();
    const from = end - (options.hours ?? scenario.horizonHours) * HOUR_SECONDS * 1000;
    const startDate = new Date(from).toISOString().slice(0, 10);
    const all = simulateTelemetry(scenario, { ...rest, startDate, hours: (end - Date.parse(`${startDate}T00:00:00Z`)) / (HOUR_SECONDS * 1000) });
    const arrived = new Set(all.filter((e) => e.type === 'arrival' && Date.parse(e.at) >= from).map((e) => e.truckId));
    return all.filter((e) => arrived.has(e.truckId) && Date.parse(e.at) <= end);
  }
  const hours = options.hours ?? scenario.horizonHours;
  const run: Scenario = { ...scenario, services: 'none', horizonHours: hours, warmupHours: 0 };
  const epoch = Date.parse(`${options.startDate ?? scenario.startDate}T00:00:00Z`);
  if (!Number.isFinite(epoch)) throw new RangeError(`startDate must be a date YYYY-MM-DD, got ${options.startDate}`);
  const prefix = options.prefix ?? 'T';
  const events: TelemetryEvent[] = [];
  const env = new Environment();
  const model = new BorderModel(env, run, new RandomStreams(options.seed ?? scenario.seed, options.replication ?? 0), {
    onTelemetry: (m: ModelTelemetry) => {
      const e: TelemetryEvent = { type: m.type, truckId: `${prefix}${m.truck}`, at: new Date(epoch + Math.round(m.at * 1000)).toISOString(), trusted: m.trusted };
      if (m.lane !== undefined) e.laneId = m.lane;
      if (m.laneType !== undefined) e.laneType = m.laneType;
      if (m.referred !== undefined) e.referred = m.referred;
      events.push(e);
    },
  });
  model.start();
  env.run({ until: hours * HOUR_SECONDS });
  return events;
}
