// The live state a forecast starts from: read from JSON (every bad field named) or derived from
// telemetry (who is queued, at a booth or in secondary at a given time).
import { LANE_TYPES, type LaneType } from '../scenario/scenario';
import { visitsOf } from './calibrate';
import { ISO_DATE_TIME } from './telemetry';
import type { LiveState, StateLane, StateTruck, TelemetryEvent } from './types';

/** One problem with a live state: `field` like `lanes[2].queue[0].since`. */
export interface StateIssue {
  field: string;
  message: string;
}

export class LiveStateError extends Error {
  constructor(readonly issues: readonly StateIssue[]) {
    super(`invalid live state (${issues.length} problem${issues.length === 1 ? '' : 's'})\n${issues.slice(0, 20).map((i) => `  ${i.field || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'LiveStateError';
  }
}

const MAX_LANES = 256;
const MAX_TRUCKS = 10_000;
/** Trucks whose last event is older than this are taken to have left unseen. */
const STALE_MS = 6 * 3_600_000;
/** A lane that started a PIL service this recently is open (short, so lanes opened on the hour show soon). */
const RECENT_MS = 20 * 60_000;

/** Validates a parsed STATE.json; throws a LiveStateError naming every bad field. */
export function parseLiveState(value: unknown): LiveState {
  const issues: StateIssue[] = [];
  const fail = (field: string, message: string) => issues.push({ field, message });
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const time = (v: unknown, field: string): string | undefined => {
    if (typeof v === 'string' && ISO_DATE_TIME.test(v) && Number.isFinite(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
    fail(field, `must be an ISO 8601 date-time with a zone, got ${JSON.stringify(v) ?? 'nothing'}`);
    return undefined;
  };
  const truck = (v: unknown, field: string, at: string | undefined): StateTruck | undefined => {
    if (!isObject(v)) return void fail(field, 'must be an object {trusted, since}');
    if (v.trusted !== undefined && v.trusted !== null && typeof v.trusted !== 'boolean') fail(`${field}.trusted`, 'must be true, false or null');
    const since = v.since === undefined ? at : time(v.since, `${field}.since`);
    if (since && at && Date.parse(since) > Date.parse(at)) fail(`${field}.since`, `is after the state's time (${at})`);
    return since ? { trusted: typeof v.trusted === 'boolean' ? v.trusted : null, since } : undefined;
  };
  const trucks = (v: unknown, field: string, at: string | undefined, allowCount: boolean): StateTruck[] | number | undefined => {
    if (allowCount && typeof v === 'number') {
      if (Number.isInteger(v) && v >= 0 && v <= MAX_TRUCKS) return v;
      return void fail(field, `must be a whole number from 0 to ${MAX_TRUCKS} or a list of trucks, got ${v}`);
    }
    if (!Array.isArray(v)) return void fail(field, allowCount ? 'must be a number of trucks or a list of {trusted, since}' : 'must be a list of {trusted, since}');
    if (v.length > MAX_TRUCKS) return void fail(field, `at most ${MAX_TRUCKS} trucks`);
    return v.map((t, i) => truck(t, `${field}[${i}]`, at)).filter((t): t is StateTruck => t !== undefined);
  };

  if (!isObject(value)) throw new LiveStateError([{ field: '', message: 'the state must be a JSON object {at, lanes, ...}' }]);
  const at = time(value.at, 'at');
  const lanes: StateLane[] = [];
  if (!Array.isArray(value.lanes) || value.lanes.length === 0 || value.lanes.length > MAX_LANES) {
    fail('lanes', `must be a list of 1 to ${MAX_LANES} lanes {laneId, laneType, open, queue, inService}`);
  } else {
    const ids = new Set<string>();
    value.lanes.forEach((raw, i) => {
      const field = `lanes[${i}]`;
      if (!isObject(raw)) return fail(field, 'must be an object {laneId, laneType, open, queue, inService}');
      const laneId = typeof raw.laneId === 'string' && raw.laneId.trim() !== '' && raw.laneId.length <= 128 ? raw.laneId : undefined;
      if (!laneId) fail(`${field}.laneId`, 'must be a non-empty string of at most 128 characters');
      else if (ids.has(laneId)) fail(`${field}.laneId`, `"${laneId}" is listed twice`);
      else ids.add(laneId);
      const laneType = LANE_TYPES.includes(raw.laneType as LaneType) ? (raw.laneType as LaneType) : undefined;
      if (!laneType) fail(`${field}.laneType`, `must be one of ${LANE_TYPES.join(', ')}`);
      if (typeof raw.open !== 'boolean') fail(`${field}.open`, 'must be true or false');
      const queue = raw.queue === undefined ? 0 : trucks(raw.queue, `${field}.queue`, at, true);
      const inService = raw.inService === undefined || raw.inService === null ? null : (truck(raw.inService, `${field}.inService`, at) ?? null);
      if (laneId && laneType && typeof raw.open === 'boolean' && queue !== undefined) lanes.push({ laneId, laneType, open: raw.open, queue, inService });
    });
  }
  const state: LiveState = { at: at ?? '', lanes };
  if (value.approach !== undefined) {
    const approach = trucks(value.approach, 'approach', at, false);
    if (Array.isArray(approach)) state.approach = approach;
  }
  if (value.expectedArrivals !== undefined) {
    if (!Array.isArray(value.expectedArrivals) || value.expectedArrivals.length > MAX_TRUCKS) fail('expectedArrivals', `must be a list of at most ${MAX_TRUCKS} {at, trusted}`);
    else {
      state.expectedArrivals = [];
      value.expectedArrivals.forEach((raw, i) => {
        if (!isObject(raw)) return fail(`expectedArrivals[${i}]`, 'must be an object {at, trusted}');
        const when = time(raw.at, `expectedArrivals[${i}].at`);
        if (raw.trusted !== undefined && raw.trusted !== null && typeof raw.trusted !== 'boolean') fail(`expectedArrivals[${i}].trusted`, 'must be true, false or null');
        if (when) state.expectedArrivals?.push({ at: when, trusted: typeof raw.trusted === 'boolean' ? raw.trusted : null });
      });
    }
  }
  if (value.officersOnDuty !== undefined) {
    const n = value.officersOnDuty;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_LANES) fail('officersOnDuty', `must be a whole number from 0 to ${MAX_LANES}`);
    else state.officersOnDuty = n;
  }
  if (value.secondary !== undefined) {
    const s = value.secondary;
    if (!isObject(s)) fail('secondary', 'must be an object {inInspection, queue}');
    else {
      const inInspection = s.inInspection === undefined ? [] : trucks(s.inInspection, 'secondary.inInspection', at, false);
      const queue = s.queue === undefined ? 0 : trucks(s.queue, 'secondary.queue', at, true);
      if (Array.isArray(inInspection) && queue !== undefined) state.secondary = { inInspection, queue };
    }
  }
  if (issues.length > 0) throw new LiveStateError(issues);
  return state;
}

/** A lane as the lanes context lists it. */
export interface KnownLane {
  laneId: string;
  laneType: LaneType;
  open: boolean;
}

/**
 * The state at `at` from telemetry: trucks that arrived and have not started their PIL are
 * queued (on their lane if the arrival names one, else at the approach), trucks between PIL start
 * and end are at their booth, referred trucks between PIL end and secondary end are in (or queued
 * for) secondary. Lanes: `lanes` if given (the lanes context's list), else every lane seen in the
 * telemetry, open if it started a PIL service in the 20 minutes before `at` or has a truck at its booth.
 */
export function liveStateFromTelemetry(events: readonly TelemetryEvent[], at: string, lanes?: readonly KnownLane[]): LiveState {
  const now = Date.parse(at);
  if (!Number.isFinite(now)) throw new LiveStateError([{ field: 'at', message: `must be an ISO 8601 date-time, got ${JSON.stringify(at)}` }]);
  const past = events.filter((e) => Date.parse(e.at) <= now);
  const visits = visitsOf(past);
  const iso = (t: number) => new Date(t).toISOString();
  const recent = now - RECENT_MS;

  const laneMap = new Map<string, StateLane>();
  if (lanes && lanes.length > 0) {
    for (const l of lanes) laneMap.set(l.laneId, { laneId: l.laneId, laneType: l.laneType, open: l.open, queue: [], inService: null });
  } else {
    for (const v of visits) {
      if (v.laneId === null || laneMap.has(v.laneId)) continue;
      laneMap.set(v.laneId, { laneId: v.laneId, laneType: v.laneType ?? 'standard', open: false, queue: [], inService: null });
    }
    for (const v of visits) if (v.laneId !== null && v.pilStart !== null && v.pilStart >= recent) (laneMap.get(v.laneId) as StateLane).open = true;
  }
  const approach: StateTruck[] = [];
  const inInspection: StateTruck[] = [];
  const secondaryQueue: StateTruck[] = [];
  const exited = (v: (typeof visits)[number]) => v.exit !== null;
  for (const v of visits) {
    const truck = (since: number): StateTruck => ({ trusted: v.trusted, since: iso(since) });
    const lane = v.laneId !== null ? laneMap.get(v.laneId) : undefined;
    // A visit whose events stopped long ago (a lost event, a truck turned back) is not at the crossing.
    const last = Math.max(v.arrival ?? -Infinity, v.pilStart ?? -Infinity, v.pilEnd ?? -Infinity, v.secondaryStart ?? -Infinity);
    if (exited(v) || last < now - STALE_MS) continue;
    if (v.pilStart === null && v.pilEnd === null && v.arrival !== null) {
      if (lane) (lane.queue as StateTruck[]).push(truck(v.arrival));
      else approach.push(truck(v.arrival));
    } else if (v.pilStart !== null && v.pilEnd === null) {
      if (lane) {
        if (lane.inService === null || Date.parse(lane.inService.since) < v.pilStart) lane.inService = truck(v.pilStart);
        if (!lanes || lanes.length === 0) lane.open = true;
      }
    } else if (v.pilEnd !== null && (v.referred ?? v.secondaryStart !== null) && v.secondaryEnd === null) {
      if (v.secondaryStart !== null) inInspection.push(truck(v.secondaryStart));
      else if (v.referred) secondaryQueue.push(truck(v.pilEnd));
    }
  }
  const bySince = (a: StateTruck, b: StateTruck) => Date.parse(a.since) - Date.parse(b.since);
  const stateLanes = [...laneMap.values()].sort((a, b) => a.laneId.localeCompare(b.laneId));
  for (const l of stateLanes) (l.queue as StateTruck[]).sort(bySince);
  const state: LiveState = { at: iso(now), lanes: stateLanes, approach: approach.sort(bySince) };
  if (inInspection.length > 0 || secondaryQueue.length > 0) state.secondary = { inInspection: inInspection.sort(bySince), queue: secondaryQueue.sort(bySince) };
  return state;
}
