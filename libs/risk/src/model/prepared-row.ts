import type { ColumnSpec } from '../schema/infer-schema';
import { isMissing, MISSING_KEY, normalizeCode, parseDate, parseNumber, type DateOrder } from '../schema/values';

/** A goods item as the caller holds it: field name -> value (strings, numbers, dates; null when absent). */
export type RiskRecord = Readonly<Record<string, unknown>>;

/** A row read once: a category key and/or a number per model column, words of text columns. */
export interface PreparedRow {
  /** Per column: its category key (MISSING_KEY when empty), or '' when the column has no categories. */
  readonly keys: string[];
  /** Per column: its number (NaN when missing or not numeric); dates in ms since the epoch. */
  readonly nums: Float64Array;
}

export function hasKey(spec: ColumnSpec): boolean {
  return spec.kind === 'categorical' || spec.kind === 'code' || spec.kind === 'text' || (spec.kind === 'numeric' && spec.categorical === true);
}

/** A small memo: values repeat a lot (descriptions, dates), so each is worked out once. */
function memo<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= 50_000) cache.clear();
    v = compute(key);
    cache.set(key, v);
  }
  return v;
}

const textCache = new Map<string, string>();
const wordCache = new Map<string, string[]>();
const dateCache = new Map<string, number>();

/** Text is compared case- and spacing-insensitively. */
export function normalizeText(raw: string): string {
  return memo(textCache, raw, (t) => t.trim().toLowerCase().replace(/\s+/g, ' '));
}

/** parseDate, remembered per distinct text and order. */
export function cachedDate(raw: string, order: DateOrder | undefined): number {
  return memo(dateCache, order === 'mdy' ? `m${raw}` : raw, () => parseDate(raw, order));
}

const WORD = /[\p{L}\p{N}]{3,}/gu;

/** Distinct words (3+ letters or digits) of a text key, at most 30. Do not modify the result. */
export function words(text: string): readonly string[] {
  if (text === MISSING_KEY) return [];
  return memo(wordCache, text, () => {
    const found = text.match(WORD);
    if (found === null) return [];
    const out: string[] = [];
    for (const w of found) if (!out.includes(w) && out.length < 30) out.push(w);
    return out;
  });
}

const codeCaches = new Map<number, Map<string, string>>();

/** normalizeCode, remembered per distinct text. */
function cachedCode(raw: string, length: number): string {
  let cache = codeCaches.get(length);
  if (cache === undefined) codeCaches.set(length, (cache = new Map()));
  return memo(cache, raw, (t) => normalizeCode(t, length) ?? t.trim());
}

/** Reads cell values (aligned with `columns`) into keys and numbers (into `target` when given, to spare allocations). */
export function prepareRow(columns: readonly ColumnSpec[], cells: readonly (string | undefined)[], target?: PreparedRow): PreparedRow {
  const keys: string[] = target?.keys ?? new Array(columns.length);
  const nums = target?.nums ?? new Float64Array(columns.length);
  for (let c = 0; c < columns.length; c++) {
    const spec = columns[c];
    const raw = cells[c];
    const missing = isMissing(raw);
    switch (spec.kind) {
      case 'categorical':
        keys[c] = missing ? MISSING_KEY : (raw as string).trim();
        nums[c] = NaN;
        break;
      case 'code':
        keys[c] = missing ? MISSING_KEY : cachedCode(raw as string, spec.codeLength ?? 0);
        nums[c] = NaN;
        break;
      case 'text':
        keys[c] = missing ? MISSING_KEY : normalizeText(raw as string);
        nums[c] = NaN;
        break;
      case 'numeric': {
        const v = missing ? NaN : parseNumber(raw);
        nums[c] = v;
        keys[c] = spec.categorical ? (Number.isNaN(v) ? (missing ? MISSING_KEY : (raw as string).trim()) : String(v)) : '';
        break;
      }
      case 'date':
        nums[c] = missing ? NaN : cachedDate(raw as string, spec.dateOrder);
        keys[c] = '';
        break;
    }
  }
  return { keys, nums };
}

/** Cell text of a record field: numbers and booleans as text, null/undefined as empty. */
export function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return String(value);
}

/**
 * A table (what training and inferSchema take) from records such as goods items held by a
 * service: the header is the union of field names (or the given one), cells are text.
 */
export function tableFromRecords(records: readonly RiskRecord[], header?: readonly string[]): { header: string[]; rows: string[][] } {
  const names = header ? [...header] : [...new Set(records.flatMap((r) => Object.keys(r)))];
  return { header: names, rows: records.map((r) => names.map((name) => cellOf(r[name]))) };
}
