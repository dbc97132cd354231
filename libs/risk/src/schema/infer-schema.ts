import { RiskInputError } from '../shared/risk-input-error';
import { codeDigits, dateOrderOf, isMissing, looksLikeDate, parseDate, parseNumber, type DateOrder } from './values';

/** Rows of text cells under a header: what a CSV file holds, and what the model learns from. */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * - categorical: a value is a category (office, importer, origin...).
 * - code: a hierarchical digit code (HS code, postcode): its 2/4/6/8-digit prefixes are parent levels.
 * - numeric: a measurement (value, mass, quantity, duty).
 * - text: free text (description): a category, plus its words.
 * - date: month and weekday are used; the raw date is not.
 */
export type ColumnKind = 'categorical' | 'code' | 'numeric' | 'text' | 'date';

/** What a numeric column measures, guessed from its name; only used for optional derived features. */
export type NumericHint = 'value' | 'mass' | 'quantity' | 'duty';

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  /** A numeric column with few distinct values (or an id-like name) also used as a category. */
  readonly categorical?: boolean;
  /** Digits of a full code ('code' columns). */
  readonly codeLength?: number;
  /** Parent prefix lengths, coarse to fine ('code' columns), e.g. [2, 4, 6] for 8-digit codes. */
  readonly levels?: readonly number[];
  readonly dateOrder?: DateOrder;
  readonly hint?: NumericHint;
}

export interface IgnoredColumn {
  readonly name: string;
  readonly reason: string;
}

export interface RiskSchema {
  readonly label: string;
  readonly id?: string;
  /** Orders rows in time (validation on the most recent rows); never a raw feature. */
  readonly date?: string;
  readonly dateOrder?: DateOrder;
  /** Rows sharing a value of this column (e.g. items of one declaration) stay in one fold. */
  readonly group?: string;
  readonly columns: readonly ColumnSpec[];
  readonly ignored: readonly IgnoredColumn[];
}

export interface InferOptions {
  readonly label: string;
  readonly id?: string;
  readonly date?: string;
  readonly ignore?: readonly string[];
}

const HINTS: readonly [NumericHint, RegExp][] = [
  ['duty', /(duty|duties|tax|vat|levy|revenue|imposto|tribut)/i],
  ['value', /(value|valor|amount|price|cif|fob|invoice|cost|usd|eur)/i],
  ['mass', /(mass|weight|kg|kilo|peso|gross|net|tonn)/i],
  ['quantity', /(qty|quantit|quant|units|pieces|pcs|count|volume|litre|liter)/i],
];
const ID_NAME = /(^|[^a-z])(id|code|no|nr|num|number|key|ref)([^a-z]|$)|id$/i;
const MEASURE_NAME = /(value|valor|amount|price|mass|weight|qty|quantit|kg|tax|duty|cost|rate|volume|usd|eur|cif|fob|freight|insurance|total|sum)/i;

export function numericHint(name: string): NumericHint | undefined {
  for (const [hint, re] of HINTS) if (re.test(name)) return hint;
  return undefined;
}

/** Index of each named column, or a clear error naming the missing one. */
export function columnIndex(header: readonly string[], name: string, what: string, source = 'the file'): number {
  const i = header.indexOf(name);
  if (i < 0) throw new RiskInputError(`${what} column "${name}" is not in ${source} (columns: ${header.join(', ')})`);
  return i;
}

interface ColumnStats {
  nonMissing: number;
  distinct: number;
  numeric: number;
  integer: number;
  dates: number;
  codeLengths: Map<number, number>;
  /** Digit counts of values written as plain digits (no dots, spaces or dashes). */
  plainLengths: Map<number, number>;
  /** Position of the first separator in values written with one ("0804.50" -> 4). */
  separatorAt: Map<number, number>;
  codeLike: number;
  spaced: number;
  wordy: number;
  totalLength: number;
  sampled: number;
}

function scan(table: Table, col: number, sampleStep: number): { stats: ColumnStats; values: Set<string>; samples: string[] } {
  const values = new Set<string>();
  const stats: ColumnStats = { nonMissing: 0, distinct: 0, numeric: 0, integer: 0, dates: 0, codeLengths: new Map(), plainLengths: new Map(), separatorAt: new Map(), codeLike: 0, spaced: 0, wordy: 0, totalLength: 0, sampled: 0 };
  const samples: string[] = [];
  const rows = table.rows;
  for (let r = 0; r < rows.length; r++) {
    const raw = rows[r][col];
    if (isMissing(raw)) continue;
    const v = raw.trim();
    stats.nonMissing++;
    if (values.size < 200_000) values.add(v);
    if (r % sampleStep !== 0) continue;
    stats.sampled++;
    if (samples.length < 2000) samples.push(v);
    stats.totalLength += v.length;
    if (v.includes(' ')) {
      stats.spaced++;
      if ((v.match(/\p{L}{3,}/gu) ?? []).length >= 2) stats.wordy++;
    }
    const num = parseNumber(v);
    if (!Number.isNaN(num)) {
      stats.numeric++;
      if (Number.isInteger(num)) stats.integer++;
    }
    const digits = codeDigits(v);
    if (digits !== null && digits.length >= 3 && digits.length <= 10 && !/^[-+]/.test(v) && !/[eE]/.test(v)) {
      stats.codeLike++;
      stats.codeLengths.set(digits.length, (stats.codeLengths.get(digits.length) ?? 0) + 1);
      const sep = v.search(/[.\s-]/);
      if (sep < 0) stats.plainLengths.set(digits.length, (stats.plainLengths.get(digits.length) ?? 0) + 1);
      else stats.separatorAt.set(sep, (stats.separatorAt.get(sep) ?? 0) + 1);
    }
    if (looksLikeDate(v)) stats.dates++;
  }
  stats.distinct = values.size;
  return { stats, values, samples };
}

/** Share of later rows (last 20%, in time order) whose value already appeared in the earlier rows. */
function recurrence(table: Table, col: number, order: readonly number[]): number {
  const cut = Math.floor(order.length * 0.8);
  const seen = new Set<string>();
  for (let i = 0; i < cut; i++) {
    const raw = table.rows[order[i]][col];
    if (!isMissing(raw)) seen.add(raw.trim());
  }
  let later = 0;
  let again = 0;
  for (let i = cut; i < order.length; i++) {
    const raw = table.rows[order[i]][col];
    if (isMissing(raw)) continue;
    later++;
    if (seen.has(raw.trim())) again++;
  }
  return later === 0 ? 1 : again / later;
}

/**
 * A hierarchical code: digit strings of 4-10 digits, mostly of one length (a length one shorter
 * counts when written as plain digits: a dropped leading zero), and when written with dots the
 * first dot always at the same place, after 2, 4 or 6 digits ("0804.50"); amounts such as
 * "12.50" or "123.40" move their dot and are numbers.
 */
function codeShape(stats: ColumnStats): { length: number; levels: number[] } | null {
  if (stats.sampled === 0 || stats.codeLike < 0.95 * stats.sampled || stats.distinct < 10) return null;
  let mode = 0;
  let modeCount = 0;
  for (const [len, count] of stats.codeLengths) if (count > modeCount || (count === modeCount && len > mode)) [mode, modeCount] = [len, count];
  const atMode = modeCount + (stats.plainLengths.get(mode - 1) ?? 0);
  if (mode < 4 || mode > 10 || atMode < 0.8 * stats.sampled) return null;
  let separated = 0;
  let commonCount = 0;
  let common = -1;
  for (const [at, count] of stats.separatorAt) {
    separated += count;
    if (count > commonCount) [common, commonCount] = [at, count];
  }
  if (separated > 0.05 * stats.codeLike && (commonCount < 0.95 * separated || ![2, 4, 6].includes(common))) return null;
  return { length: mode, levels: [2, 4, 6, 8].filter((p) => p < mode) };
}

/**
 * Infers what each column is from its values alone (column names only add optional hints).
 * The id and label columns are never features; the date orders rows and gives month and weekday;
 * identifiers (almost one row per value, or values that never recur over time) are ignored.
 */
export function inferSchema(table: Table, options: InferOptions): RiskSchema {
  const header = table.header;
  columnIndex(header, options.label, 'label');
  if (options.id !== undefined) columnIndex(header, options.id, 'id');
  if (options.date !== undefined) columnIndex(header, options.date, 'date');
  for (const name of options.ignore ?? []) columnIndex(header, name, '--ignore');
  if (table.rows.length === 0) throw new RiskInputError('no data rows to learn from');

  const n = table.rows.length;
  const sampleStep = Math.max(1, Math.floor(n / 20_000));
  let dateOrder: DateOrder | undefined;
  let order: number[] = Array.from({ length: n }, (_, i) => i);
  let date = options.date;
  const unreadableDate: IgnoredColumn[] = [];
  if (date !== undefined) {
    const dc = header.indexOf(date);
    const samples = table.rows.slice(0, 2000).map((r) => r[dc] ?? '');
    dateOrder = dateOrderOf(samples);
    const times = table.rows.map((r) => parseDate(r[dc], dateOrder));
    const valid = times.filter((t) => !Number.isNaN(t)).length;
    if (valid < 0.5 * n) {
      // Not a date we can read: learn without time order rather than fail.
      unreadableDate.push({ name: date, reason: `not readable as dates (${n - valid} of ${n} values), so rows are not ordered in time` });
      date = undefined;
      dateOrder = undefined;
    } else order = order.sort((a, b) => (Number.isNaN(times[a]) ? Infinity : times[a]) - (Number.isNaN(times[b]) ? Infinity : times[b]) || a - b);
  }

  const reserved = new Set([options.label, options.id, options.date, ...(options.ignore ?? [])].filter((x): x is string => x !== undefined));
  const columns: ColumnSpec[] = [];
  const ignored: IgnoredColumn[] = [...unreadableDate];
  const groupCandidates: { name: string; repeat: number }[] = [];
  for (const name of options.ignore ?? []) ignored.push({ name, reason: 'ignored on request' });
  const seenNames = new Set<string>();

  for (let col = 0; col < header.length; col++) {
    const name = header[col];
    if (seenNames.has(name)) continue;
    seenNames.add(name);
    if (name === options.id) {
      const { stats } = scan(table, col, n + 1);
      if (stats.distinct > 0 && stats.nonMissing / stats.distinct >= 1.2) groupCandidates.push({ name, repeat: stats.nonMissing / stats.distinct });
      continue;
    }
    if (reserved.has(name)) continue;
    const { stats } = scan(table, col, sampleStep);
    const sampled = Math.max(1, stats.sampled);
    if (stats.nonMissing === 0) {
      ignored.push({ name, reason: 'always empty' });
      continue;
    }
    if (stats.distinct === 1) {
      ignored.push({ name, reason: 'a single value' });
      continue;
    }
    const uniqueShare = stats.distinct / stats.nonMissing;
    const isNumeric = stats.numeric >= 0.95 * sampled;
    const hint = numericHint(name);

    if (stats.dates >= 0.9 * sampled) {
      const { samples } = scan(table, col, sampleStep);
      columns.push({ name, kind: 'date', dateOrder: dateOrderOf(samples) });
      continue;
    }
    const shape = MEASURE_NAME.test(name) ? null : codeShape(stats);
    if (shape !== null) {
      columns.push({ name, kind: 'code', codeLength: shape.length, levels: shape.levels });
      continue;
    }
    if (isNumeric) {
      const integer = stats.integer >= 0.99 * stats.numeric;
      const idLike = integer && ID_NAME.test(name) && !MEASURE_NAME.test(name);
      if (idLike && uniqueShare > 0.5 && stats.distinct > 100) {
        ignored.push({ name, reason: `an identifier (${stats.distinct} distinct values in ${stats.nonMissing} rows)` });
        groupCandidates.push({ name, repeat: 1 / uniqueShare });
        continue;
      }
      // Whole numbers with few values, or without a measurement name (office 12, regime 4000),
      // are probably codes: also categories.
      const categorical = (integer && stats.distinct <= 12) || idLike || (integer && stats.distinct <= 100 && hint === undefined && !MEASURE_NAME.test(name));
      columns.push({ name, kind: 'numeric', ...(categorical ? { categorical: true } : {}), ...(hint ? { hint } : {}) });
      continue;
    }
    if (stats.distinct > 100 && uniqueShare > 0.5) {
      ignored.push({ name, reason: `an identifier (${stats.distinct} distinct values in ${stats.nonMissing} rows)` });
      groupCandidates.push({ name, repeat: 1 / uniqueShare });
      continue;
    }
    if (stats.distinct > 100) {
      const again = recurrence(table, col, order);
      if (again < 0.05) {
        ignored.push({ name, reason: `an identifier: only ${(again * 100).toFixed(1)}% of later rows reuse an earlier value` });
        groupCandidates.push({ name, repeat: 1 / uniqueShare });
        continue;
      }
    }
    const text = stats.distinct >= 30 && stats.wordy >= 0.5 * sampled && stats.totalLength >= 10 * sampled;
    columns.push({ name, kind: text ? 'text' : 'categorical' });
  }
  const group = groupCandidates.filter((g) => g.repeat >= 1.2 && g.repeat <= 100).sort((a, b) => b.repeat - a.repeat)[0];
  return {
    label: options.label,
    ...(options.id !== undefined ? { id: options.id } : {}),
    ...(date !== undefined ? { date, dateOrder } : {}),
    ...(group ? { group: group.name } : {}),
    columns,
    ignored,
  };
}
