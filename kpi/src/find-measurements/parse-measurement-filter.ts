import { InputReader } from '../model/input-reader';
import { MEASUREMENT_SOURCES, RUN_ID, RUN_ID_HINT } from '../model/measurement';
import { KPI_KEY } from '../model/kpi-definition';
import type { MeasurementFilter } from '../persistence/kpi.repository';

/** A chart page by default; an export (CSV) takes everything up to its own cap. */
export const MEASUREMENT_LIMITS = {
  json: { default: 1000, max: 10_000 },
  csv: { default: 100_000, max: 100_000 },
} as const;

/** `?kpi=&source=&run=&from=&to=&limit=` into a filter, with a 400 naming any bad parameter. */
export function parseMeasurementFilter(query: Record<string, unknown>, limits: { default: number; max: number } = MEASUREMENT_LIMITS.json): MeasurementFilter {
  const r = new InputReader();
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') return r.fail(name, 'must be given once');
    return value;
  };
  r.known(query, '', ['kpi', 'source', 'run', 'runId', 'from', 'to', 'limit']);
  const kpi = r.string(single('kpi'), 'kpi', { max: 64, required: false, pattern: KPI_KEY, patternHint: 'must be a KPI key' });
  const source = single('source') === undefined ? undefined : r.oneOf(single('source'), 'source', MEASUREMENT_SOURCES);
  const runField = single('run') !== undefined ? 'run' : 'runId';
  const runId = r.string(single(runField), runField, { max: 128, required: false, pattern: RUN_ID, patternHint: RUN_ID_HINT });
  const from = single('from') === undefined ? undefined : r.dateTime(single('from'), 'from');
  const to = single('to') === undefined ? undefined : r.dateTime(single('to'), 'to');
  if (from && to && from > to) r.fail('from', 'must not be after to');
  const limitText = single('limit');
  let limit: number = limits.default;
  if (limitText !== undefined) {
    if (!/^\d{1,7}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > limits.max) r.fail('limit', `must be a whole number from 1 to ${limits.max}`);
    else limit = Number(limitText);
  }
  r.throwIfInvalid('KPI.INVALID_QUERY');
  return { kpi, source, runId, from, to, limit };
}
