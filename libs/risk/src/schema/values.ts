/** How raw cell text becomes values: missing markers, numbers, dates and hierarchical codes. */

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', 'nil', '#n/a', '?']);

/** The key used for a missing categorical value (missing is informative: it is a category). */
export const MISSING_KEY = '\u2205';

export function isMissing(raw: string | null | undefined): boolean {
  if (raw === null || raw === undefined) return true;
  const len = raw.length;
  // Fast path: longer than any marker and not padded with spaces.
  if (len > 4 && raw.charCodeAt(0) > 32 && raw.charCodeAt(len - 1) > 32) return false;
  const t = raw.trim();
  return t === '' || (t.length <= 4 && MISSING.has(t.toLowerCase()));
}

const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const THOUSANDS = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A decimal number ("12", "-3.5", "1e3", "1,234.50"), or NaN. Hex, Infinity and text are NaN. */
export function parseNumber(raw: string | null | undefined): number {
  if (raw === null || raw === undefined) return NaN;
  const t = raw.trim();
  if (t === '') return NaN;
  const c = t.charCodeAt(0);
  // Fast path: JavaScript's own parser, except its hex/binary/octal literals ("0x1F").
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    const second = t.length > 1 ? t.charCodeAt(1) | 32 : 0;
    if (!(c === 48 && (second === 120 || second === 98 || second === 111))) {
      const v = Number(t);
      if (Number.isFinite(v)) return v;
    }
  }
  if (PLAIN_NUMBER.test(t)) return Number(t);
  if (THOUSANDS.test(t)) return Number(t.replace(/,/g, ''));
  return NaN;
}

/**
 * Field order of dates written with numbers only: which of the three fields is the year, the
 * month and the day. Four-digit years and month names are recognised whatever the order.
 */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

const TIME = '(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';
const ISO = new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}$`);
const YEAR_LAST = new RegExp(`^(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})${TIME}$`);
const SHORT = new RegExp(`^(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NAMED = /^(\d{1,2})[-/. ]([A-Za-z]{3,9})\.?[-/. ,]+(\d{2}|\d{4})$|^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$|^(\d{4})[-/. ]([A-Za-z]{3,9})[-/. ](\d{1,2})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function month(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? NaN : i + 1;
}

function fullYear(y: number, digits: number): number {
  return digits <= 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

/**
 * Milliseconds since the epoch (UTC) of a date, or NaN: YYYY-MM-DD (time optional), DD/MM/YYYY
 * (MM/DD/YYYY with 'mdy'), two-digit years in the given order (YY-MM-DD with 'ymd'), YYYYMMDD,
 * and month names (01-JAN-2020, Jan 1, 2020, 2020-Jan-01).
 */
export function parseDate(raw: string | null | undefined, order: DateOrder = 'dmy'): number {
  if (raw === null || raw === undefined) return NaN;
  const t = raw.trim();
  let m = ISO.exec(t);
  if (m) return utc(+m[1], +m[2], +m[3], m[4], m[5], m[6]);
  m = YEAR_LAST.exec(t);
  if (m) return order === 'mdy' ? utc(+m[3], +m[1], +m[2], m[4], m[5], m[6]) : utc(+m[3], +m[2], +m[1], m[4], m[5], m[6]);
  m = SHORT.exec(t);
  if (m) {
    if (order === 'ymd') return utc(fullYear(+m[1], 2), +m[2], +m[3], m[4], m[5], m[6]);
    if (order === 'mdy') return utc(fullYear(+m[3], 2), +m[1], +m[2], m[4], m[5], m[6]);
    return utc(fullYear(+m[3], 2), +m[2], +m[1], m[4], m[5], m[6]);
  }
  m = COMPACT.exec(t);
  if (m) return +m[1] >= 1900 && +m[1] <= 2100 ? utc(+m[1], +m[2], +m[3]) : NaN;
  m = NAMED.exec(t);
  if (m) {
    if (m[1] !== undefined) return utc(fullYear(+m[3], m[3].length), month(m[2]), +m[1]);
    if (m[4] !== undefined) return utc(+m[6], month(m[4]), +m[5]);
    return utc(+m[7], month(m[8]), +m[9]);
  }
  return NaN;
}

function utc(y: number, mo: number, d: number, h?: string, mi?: string, s?: string): number {
  if (!(mo >= 1 && mo <= 12) || d < 1 || d > 31) return NaN;
  const ms = Date.UTC(y, mo - 1, d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0);
  const check = new Date(ms);
  return check.getUTCDate() === d ? ms : NaN;
}

/**
 * The field order of a date column: the order that reads the most samples, and among equals
 * the one whose year field takes the fewest distinct values (data spans few years, many days).
 */
export function dateOrderOf(samples: readonly string[]): DateOrder {
  let best: DateOrder = 'dmy';
  let bestScore = -Infinity;
  for (const order of ['dmy', 'mdy', 'ymd'] as const) {
    let ok = 0;
    const years = new Set<number>();
    for (const raw of samples) {
      const t = parseDate(raw, order);
      if (Number.isNaN(t)) continue;
      ok++;
      years.add(new Date(t).getUTCFullYear());
    }
    const score = ok * 1000 - years.size;
    if (score > bestScore) {
      best = order;
      bestScore = score;
    }
  }
  return best;
}

/** Whether a value looks like a date (and not like a plain number or a code). */
export function looksLikeDate(raw: string): boolean {
  const t = raw.trim();
  if (COMPACT.test(t)) return false;
  return !Number.isNaN(parseDate(t, 'dmy')) || !Number.isNaN(parseDate(t, 'mdy')) || !Number.isNaN(parseDate(t, 'ymd'));
}

const CODE = /^\d+(?:[.\s-]\d+)*$/;

/** Digits of a code written with optional dots, spaces or dashes ("0804.50" -> "080450"), or null. */
export function codeDigits(raw: string): string | null {
  const t = raw.trim();
  if (!CODE.test(t)) return null;
  return t.replace(/[.\s-]/g, '');
}

/**
 * Normalises a hierarchical code to its digits, restoring one leading zero that spreadsheets drop
 * ("8045010" in an 8-digit column -> "08045010").
 */
export function normalizeCode(raw: string, length: number): string | null {
  const digits = codeDigits(raw);
  if (digits === null) return null;
  return digits.length === length - 1 ? `0${digits}` : digits;
}
