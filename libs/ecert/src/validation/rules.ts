import { CountryCode, HsCode } from '@corridor/domain';
import type { PathSegment } from '../document/field-paths';
import type { ErrorCollector } from './field-errors';

/** Small field rules shared by the certificate validators. Each reports into the collector. */

type Path = readonly PathSegment[];

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function object(c: ErrorCollector, value: unknown, path: Path, required = true): Record<string, unknown> | undefined {
  if (value === undefined || value === null) {
    if (required) c.add(path, 'REQUIRED', 'is required');
    return undefined;
  }
  if (!isObject(value)) {
    c.add(path, 'TYPE', `must be an object, got ${shown(value)}`);
    return undefined;
  }
  return value;
}

export function array(c: ErrorCollector, value: unknown, path: Path, options: { required?: boolean; min?: number; max?: number } = {}): unknown[] | undefined {
  const { required = true, min = 0, max = 10_000 } = options;
  if (value === undefined || value === null) {
    if (required) c.add(path, 'REQUIRED', min > 0 ? `is required (at least ${min} item${min === 1 ? '' : 's'})` : 'is required');
    return undefined;
  }
  if (!Array.isArray(value)) {
    c.add(path, 'TYPE', `must be an array, got ${shown(value)}`);
    return undefined;
  }
  if (value.length < min) c.add(path, 'TOO_FEW', `must have at least ${min} item${min === 1 ? '' : 's'}, has ${value.length}`);
  if (value.length > max) c.add(path, 'TOO_MANY', `must have at most ${max} items, has ${value.length}`);
  return value;
}

export function text(c: ErrorCollector, value: unknown, path: Path, options: { required?: boolean; max?: number; pattern?: RegExp; patternHint?: string } = {}): string | undefined {
  const { required = true, max = 500 } = options;
  if (value === undefined || value === null) {
    if (required) c.add(path, 'REQUIRED', 'is required');
    return undefined;
  }
  if (typeof value !== 'string') {
    c.add(path, 'TYPE', `must be a string, got ${shown(value)}`);
    return undefined;
  }
  if (value.trim().length === 0) {
    c.add(path, required ? 'REQUIRED' : 'EMPTY', 'must not be empty');
    return undefined;
  }
  if (value.length > max) c.add(path, 'TOO_LONG', `must be at most ${max} characters, has ${value.length}`);
  if (options.pattern && !options.pattern.test(value)) c.add(path, 'FORMAT', options.patternHint ?? `has an unexpected format: "${value}"`);
  return value;
}

export function country(c: ErrorCollector, value: unknown, path: Path, required = true): string | undefined {
  if ((value === undefined || value === null) && !required) return undefined;
  if (value === undefined || value === null) {
    c.add(path, 'REQUIRED', 'is required (ISO 3166-1 alpha-2 country code)');
    return undefined;
  }
  if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value)) {
    c.add(path, 'COUNTRY_CODE.INVALID', `must be an upper-case ISO 3166-1 alpha-2 country code such as "KE", got ${typeof value === 'string' ? JSON.stringify(value) : shown(value)}`);
    return undefined;
  }
  if (!CountryCode.isValid(value)) {
    c.add(path, 'COUNTRY_CODE.INVALID', `"${value}" is not an ISO 3166-1 alpha-2 country code`);
    return undefined;
  }
  return value;
}

export function hsCode(c: ErrorCollector, value: unknown, path: Path, required = true): string | undefined {
  if ((value === undefined || value === null) && !required) return undefined;
  if (value === undefined || value === null) {
    c.add(path, 'REQUIRED', 'is required (HS code, 6 to 10 digits)');
    return undefined;
  }
  try {
    return HsCode.parse(value, 'hsCode').digits;
  } catch (error) {
    c.add(path, 'HS_CODE.INVALID', error instanceof Error ? error.message : 'is not a valid HS code');
    return undefined;
  }
}

/** A quantity {value > 0, unit}: unit is a UN/ECE Recommendation 20 code such as KGM, LTR, H87. */
export function quantity(c: ErrorCollector, value: unknown, path: Path, required = true): void {
  const q = object(c, value, path, required);
  if (!q) return;
  const amount = q['value'];
  if (amount === undefined || amount === null) c.add([...path, 'value'], 'REQUIRED', 'is required');
  else if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) c.add([...path, 'value'], 'QUANTITY.INVALID', `must be a number greater than 0, got ${JSON.stringify(amount)}`);
  text(c, q['unit'], [...path, 'unit'], { max: 3, pattern: /^[A-Z0-9]{2,3}$/, patternHint: 'must be a UN/ECE Recommendation 20 unit code such as KGM, LTR or H87' });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD; returns it for range checks. */
export function date(c: ErrorCollector, value: unknown, path: Path, required = true): string | undefined {
  if ((value === undefined || value === null) && !required) return undefined;
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    c.add(path, value === undefined || value === null ? 'REQUIRED' : 'DATE.INVALID', `must be a calendar date YYYY-MM-DD, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
    return undefined;
  }
  return value;
}

/** A party (exporter, importer, consignor, consignee, holder): name required, address and country optional. */
export function party(c: ErrorCollector, value: unknown, path: Path, required = true): void {
  const p = object(c, value, path, required);
  if (!p) return;
  text(c, p['name'], [...path, 'name'], { max: 200 });
  text(c, p['address'], [...path, 'address'], { required: false, max: 500 });
  country(c, p['country'], [...path, 'country'], false);
  text(c, p['id'], [...path, 'id'], { required: false, max: 100 });
}

export function optionalBoolean(c: ErrorCollector, value: unknown, path: Path): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    c.add(path, 'TYPE', `must be true or false, got ${shown(value)}`);
    return undefined;
  }
  return value;
}

export function textList(c: ErrorCollector, value: unknown, path: Path, options: { required?: boolean; max?: number } = {}): void {
  const list = array(c, value, path, { required: options.required ?? false });
  list?.forEach((item, i) => text(c, item, [...path, i], { max: options.max ?? 2000 }));
}
