import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import type { Table } from '../schema/infer-schema';
import { RiskInputError } from '../shared/risk-input-error';

/**
 * Reads a CSV document (RFC 4180: quoted fields may hold commas, quotes and line breaks) into a
 * header and rows of text. The delimiter (comma, semicolon, tab or pipe) is taken from the
 * header line. Anything malformed is a RiskInputError that names the source and the line:
 * ragged rows, broken quoting, an empty file, a header without rows, unnamed or repeated columns.
 */
export function parseCsv(text: string, source = 'input', options: { allowEmpty?: boolean } = {}): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new RiskInputError(`${source} is empty`, 'RISK.EMPTY_CSV');
  let records: string[][];
  try {
    records = parse(body, { delimiter: detectDelimiter(body), skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw new RiskInputError(`${source}: ${describeCsvError(error)}`, 'RISK.MALFORMED_CSV');
  }
  if (records.length === 0) throw new RiskInputError(`${source} is empty`, 'RISK.EMPTY_CSV');
  const header = records[0].map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') throw new RiskInputError(`${source}: column ${i + 1} of the header has no name`, 'RISK.MALFORMED_CSV');
    if (seen.has(name)) throw new RiskInputError(`${source}: column "${name}" appears twice in the header`, 'RISK.MALFORMED_CSV');
    seen.add(name);
  });
  const rows = records.slice(1);
  if (rows.length === 0 && !options.allowEmpty) throw new RiskInputError(`${source} has a header but no data rows`, 'RISK.EMPTY_CSV');
  return { header, rows };
}

/** Reads and parses a CSV file; an unreadable file is a RiskInputError too. */
export function readCsvFile(path: string, options: { allowEmpty?: boolean } = {}): Table {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new RiskInputError(`cannot read ${path}: ${why}`, 'RISK.UNREADABLE_FILE');
  }
  return parseCsv(text, path, options);
}

function detectDelimiter(text: string): string {
  let end = text.indexOf('\n');
  if (end < 0) end = text.length;
  const first = text.slice(0, end).replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const count = first.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function describeCsvError(error: unknown): string {
  const e = error as { code?: string; message?: string; lines?: number };
  const line = e.lines !== undefined ? `line ${e.lines}` : 'somewhere';
  switch (e.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const m = /expect (\d+), got (\d+)/.exec(e.message ?? '');
      return m ? `${line} has ${m[2]} fields but the header has ${m[1]}` : `${line} has a different number of fields than the header`;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quoted field opened by ${line} is never closed`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `${line}: a closing quote is followed by other characters (quotes inside a quoted field must be doubled: "")`;
    case 'INVALID_OPENING_QUOTE':
      return `${line}: a quote appears inside an unquoted field (quote the whole field and double inner quotes)`;
    default:
      return `${line}: ${e.message ?? 'malformed CSV'}`;
  }
}
