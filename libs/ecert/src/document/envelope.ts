import { isCertificateType, type CertificateType } from './types';

/** Checks on the envelope members shared by issuing and verifying. Each returns a problem or undefined. */

const CONTROL_CHARACTERS = /\p{Cc}/u;
export const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

export function textProblem(value: unknown, what: string, maxLength: number): string | undefined {
  if (typeof value !== 'string' || value.trim().length === 0) return `${what} must be a non-empty string, got ${describeValue(value)}`;
  if (value.length > maxLength) return `${what} must be at most ${maxLength} characters, got ${value.length}`;
  if (CONTROL_CHARACTERS.test(value)) return `${what} must not contain control characters`;
  if (value !== value.trim()) return `${what} must not start or end with spaces`;
  return undefined;
}

export function idProblem(value: unknown): string | undefined {
  return textProblem(value, 'id', 200);
}

export function typeProblem(value: unknown): string | undefined {
  return isCertificateType(value) ? undefined : `type must be one of e-coo, e-phyto, lpco, got ${describeValue(value)}`;
}

export function agencyIdProblem(value: unknown): string | undefined {
  return textProblem(value, 'issuer.agencyId', 100);
}

export function keyIdProblem(value: unknown): string | undefined {
  return typeof value === 'string' && KEY_ID_PATTERN.test(value) ? undefined : `issuer.keyId must be 16 lowercase hex digits, got ${describeValue(value)}`;
}

/** Milliseconds since the epoch of a strict ISO 8601 UTC timestamp, or undefined. */
export function parseIsoUtc(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_UTC.exec(value);
  if (!match) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  // Date.parse rolls 2025-02-30 over to March: the calendar fields must survive the round trip.
  return new Date(time).toISOString().slice(0, 19) === value.slice(0, 19) ? time : undefined;
}

export function issuedAtProblem(value: unknown): string | undefined {
  return parseIsoUtc(value) === undefined ? `issuedAt must be an ISO 8601 UTC timestamp such as 2025-03-01T10:00:00.000Z, got ${describeValue(value)}` : undefined;
}

export interface Envelope {
  readonly id: string;
  readonly type: CertificateType;
  readonly agencyId: string;
  readonly keyId: string;
  readonly issuedAt: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
