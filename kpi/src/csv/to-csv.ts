import type { MeasurementView } from '../model/measurement';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One RFC 4180 field. A field holding a comma, a double quote, CR or LF is quoted with inner
 * quotes doubled. Text starting with = + - @ (or a tab/CR) gets a leading apostrophe so a
 * spreadsheet shows it rather than running it as a formula (OWASP "CSV injection"); numbers are
 * written as they are, so a negative value stays a number.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header plus rows, CRLF line ends as RFC 4180 asks (and as spreadsheets expect). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const MEASUREMENT_CSV_HEADER = ['measurement_id', 'kpi', 'value', 'unit', 'ci95_lo', 'ci95_hi', 'n', 'source', 'run_id', 'iteration', 'at', 'note', 'recorded_at', 'recorded_by'] as const;

export function measurementsCsv(measurements: readonly MeasurementView[]): string {
  return toCsv(MEASUREMENT_CSV_HEADER, measurements.map((m) => [
    m.id, m.kpi, m.value, m.unit, m.ci95?.[0], m.ci95?.[1], m.n, m.source, m.runId, m.iteration, m.at, m.note, m.recordedAt, m.recordedBy,
  ]));
}
