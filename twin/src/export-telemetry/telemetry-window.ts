import { FieldReader } from '@corridor/domain';

export interface TelemetryWindow {
  from: string;
  to: string;
}

const HOUR = 3_600_000;
/** Without `from`, an export covers the day before `to`. */
export const DEFAULT_WINDOW_HOURS = 24;

/** `?from=&to=` (ISO 8601) of GET /api/twin/telemetry: to defaults to now, from to a day before to; from must precede to. */
export function readTelemetryWindow(query: Record<string, unknown>, now: Date): TelemetryWindow {
  const r = new FieldReader();
  r.known(query, '', ['from', 'to']);
  const to = query.to === undefined ? now.toISOString() : r.dateTime(single(r, query.to, 'to'), 'to');
  const from = query.from === undefined ? (to ? new Date(Date.parse(to) - DEFAULT_WINDOW_HOURS * HOUR).toISOString() : undefined) : r.dateTime(single(r, query.from, 'from'), 'from');
  if (from && to && from >= to) r.fail('to', `must be after from (${from}), got ${to}`);
  r.throwIfInvalid('TWIN.INVALID_QUERY');
  return { from: from as string, to: to as string };
}

/** `?at=` of GET /api/twin/state: an ISO 8601 time, default now. */
export function readStateTime(query: Record<string, unknown>, now: Date): Date {
  const r = new FieldReader();
  r.known(query, '', ['at']);
  const at = query.at === undefined ? now.toISOString() : r.dateTime(single(r, query.at, 'at'), 'at');
  if (at && Date.parse(at) > now.getTime() + 24 * HOUR) r.fail('at', 'must not be more than a day ahead (the live state is what telemetry shows, not a forecast)');
  r.throwIfInvalid('TWIN.INVALID_QUERY');
  return new Date(at as string);
}

/** A repeated query parameter (?from=a&from=b) arrives as an array: refuse it rather than pick one. */
function single(r: FieldReader, value: unknown, field: string): unknown {
  return Array.isArray(value) ? r.fail(field, 'must be given once') : value;
}
