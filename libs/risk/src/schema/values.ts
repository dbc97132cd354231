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

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Milliseconds since the epoch (UTC) of a date written as YYYY-MM-DD or DD/MM/YYYY (MM/DD with 'mdy'), or NaN. */
export function parseDate(raw: string | null | undefined, order: DateOrder = 'dmy'): number {
  if (raw === null || raw === undefined) return NaN;
  const t = raw.trim();
  let m = ISO.exec(t);
  if (m) return utc(+m[1], +m[2], +m[3], m[4], m[5], m[6]);
  m = DAY_FIRST.exec(t);
  if (m) return order === 'mdy' ? utc(+m[3], +m[1], +m[2], m[4], m[5], m[6]) : utc(+m[3], +m[2], +m[1], m[4], m[5], m[6]);
  return NaN;
}

function utc(y: number, mo: number, d: number, h?: string, mi?: string, s?: string): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  const ms = Date.UTC(y, mo - 1, d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0);
  const check = new Date(ms);
  return check.getUTCDate() === d ? ms : NaN;
}

/** For a date column written with day and month first, which one comes first: 'mdy' only when the data proves it. */
export function dateOrderOf(samples: readonly string[]): DateOrder {
  let firstOver12 = 0;
  let secondOver12 = 0;
  for (const raw of samples) {
    const m = DAY_FIRST.exec(raw.trim());
    if (!m) continue;
    if (+m[1] > 12) firstOver12++;
    if (+m[2] > 12) secondOver12++;
  }
  return secondOver12 > 0 && firstOver12 === 0 ? 'mdy' : 'dmy';
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
