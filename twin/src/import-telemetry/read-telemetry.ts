import { UnprocessableEntityException } from '@nestjs/common';
import { InvalidValueError } from '@corridor/domain';
import { parseTelemetry, TelemetryError, type TelemetryEvent } from '../engine/twin-engine';

export interface TelemetryIssue {
  line: number;
  field: string;
  message: string;
}

/** Issues listed in a 422 (the count says how many there were in all). */
export const SHOWN_ISSUES = 50;

/**
 * An import with bad lines: HTTP 422 in the one error shape, plus `issues` (the first 50, with line
 * numbers) and `issueCount`; `field` names the first bad line. Nothing is stored.
 */
export class InvalidTelemetryError extends UnprocessableEntityException {
  constructor(readonly issues: TelemetryIssue[], total = issues.length) {
    const first = issues[0];
    super({
      code: 'TWIN.INVALID_TELEMETRY',
      message: `${total} problem(s) in the telemetry, nothing was imported; first: line ${first.line}${first.field ? `, ${first.field}` : ''}: ${first.message}`,
      field: `line ${first.line}`,
      issueCount: total,
      issues: issues.slice(0, SHOWN_ISSUES),
    });
  }
}

/** Limits of the telemetry table: a longer id would not fit (and is not a truck or lane id). */
const MAX_LENGTH: Record<string, number> = { laneId: 64 };

/**
 * Reads a JSON-lines telemetry file, all or nothing: the simulator's parser checks each event
 * (JSON, type, ISO time, an end after its start...), and the twin adds the limits of its table.
 * Throws a 400 for an empty body and InvalidTelemetryError listing every bad line otherwise.
 */
export function readTelemetry(text: string): TelemetryEvent[] {
  if (!/\S/.test(text)) throw new InvalidValueError('TWIN.EMPTY_TELEMETRY', 'body', 'is empty: send one telemetry event (JSON) per line');
  const issues: TelemetryIssue[] = storageIssues(text);
  let events: TelemetryEvent[] = [];
  let parserTotal = 0;
  try {
    events = parseTelemetry(text);
  } catch (error) {
    if (!(error instanceof TelemetryError)) throw error;
    issues.push(...error.issues);
    parserTotal = error.total;
  }
  if (issues.length > 0) {
    const listed = dedupe(issues);
    throw new InvalidTelemetryError(listed, Math.max(listed.length, parserTotal));
  }
  return events;
}

function storageIssues(text: string): TelemetryIssue[] {
  const issues: TelemetryIssue[] = [];
  text.split('\n').forEach((raw, index) => {
    if (!raw.includes('"laneId"')) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return; // the parser reports it
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [field, max] of Object.entries(MAX_LENGTH)) {
      const v = (value as Record<string, unknown>)[field];
      if (typeof v === 'string' && v.length > max) issues.push({ line: index + 1, field, message: `must be at most ${max} characters, got ${v.length}` });
    }
  });
  return issues;
}

function dedupe(issues: TelemetryIssue[]): TelemetryIssue[] {
  const seen = new Set<string>();
  return issues
    .filter((i) => {
      const key = `${i.line}\u0000${i.field}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line);
}
