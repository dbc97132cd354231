import { InvalidValueError } from '../errors';

/** Reads a required string field, trimmed; every value object starts here so wrong types get one message. */
export function requireString(input: unknown, field: string, code: string, maxLength = 256): string {
  if (typeof input !== 'string') throw new InvalidValueError(code, field, `must be a string, got ${describe(input)}`);
  const value = input.trim();
  if (value.length === 0) throw new InvalidValueError(code, field, 'must not be empty');
  if (value.length > maxLength) throw new InvalidValueError(code, field, `must be at most ${maxLength} characters`);
  return value;
}

export function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return typeof input;
}
