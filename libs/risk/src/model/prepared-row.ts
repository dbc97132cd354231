import type { ColumnSpec } from '../schema/infer-schema';
import { isMissing, MISSING_KEY, normalizeCode, parseDate, parseNumber } from '../schema/values';

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

/** Text is compared case- and spacing-insensitively. */
export function normalizeText(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, ' ');
}

const WORD = /[\p{L}\p{N}]{3,}/gu;

/** Distinct words (3+ letters or digits) of a text key, at most 30. */
export function words(text: string): string[] {
  if (text === MISSING_KEY) return [];
  const found = text.match(WORD);
  if (found === null) return [];
  const out: string[] = [];
  for (const w of found) if (!out.includes(w) && out.length < 30) out.push(w);
  return out;
}

/** Reads cell values (aligned with `columns`) into keys and numbers. */
export function prepareRow(columns: readonly ColumnSpec[], cells: readonly (string | undefined)[]): PreparedRow {
  const keys: string[] = new Array(columns.length);
  const nums = new Float64Array(columns.length);
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
        keys[c] = missing ? MISSING_KEY : (normalizeCode(raw as string, spec.codeLength ?? 0) ?? (raw as string).trim());
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
        nums[c] = missing ? NaN : parseDate(raw, spec.dateOrder);
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
