import { api, ApiError, storedToken } from '@corridor/web';
import type {
  Decision, DecisionRequest, Gate, InitiativeSummary, InitiativeView, Measurement, NewInitiative, NewMeasurement, RunSummary, RunView, TrsBreakdown, TwinAccuracyReport,
  TwinForecastView, TwinWhatIfRequest, TwinWhatIfResult,
} from './types';

/** One failed field of a 400, as the API names it (`name`, `kpis[0].targets.pilot`, `ci95`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An API error with every field that failed: the shared `api()` keeps the first one, a form wants
 * them all next to their inputs.
 */
export class FormError extends ApiError {
  constructor(status: number, code: string, message: string, readonly fields: FieldError[]) {
    super(status, code, message, fields[0]?.field);
  }
}

/** The message to show beside the input: the API prefixes it with the field path ("kpis[0].key: must be…"). */
export function fieldMessage({ field, message }: FieldError): string {
  const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const BASE = '/api/kpi';
const initiative = (id: string) => `${BASE}/initiatives/${encodeURIComponent(id)}`;

/** POST a JSON body; a 400 becomes a FormError listing every failed field. */
async function send<T>(path: string, body: unknown): Promise<T> {
  const headers = new Headers({ 'content-type': 'application/json' });
  const token = storedToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (response.ok) return parsed as T;
  const error = (parsed && typeof parsed === 'object' ? parsed : {}) as { code?: string; message?: string; field?: string; errors?: FieldError[] };
  const fields = error.errors ?? (error.field ? [{ field: error.field, message: error.message ?? '' }] : []);
  throw new FormError(response.status, error.code ?? `HTTP_${response.status}`, error.message ?? response.statusText, fields);
}

export const kpiApi = {
  initiatives: () => api<InitiativeSummary[]>(`${BASE}/initiatives`),
  initiative: (id: string) => api<InitiativeView>(initiative(id)),
  createInitiative: (body: NewInitiative) => send<InitiativeView>(`${BASE}/initiatives`, body),
  /** Oldest first; the latest `limit` of them. */
  measurements: (id: string, limit = 1000) => api<Measurement[]>(`${initiative(id)}/measurements?limit=${limit}`),
  recordMeasurement: (id: string, body: NewMeasurement) => send<Measurement>(`${initiative(id)}/measurements`, body),
  csvPath: (id: string) => `${initiative(id)}/measurements.csv`,
  gate: (id: string) => api<Gate>(`${initiative(id)}/gates`),
  decisions: (id: string) => api<Decision[]>(`${initiative(id)}/decisions`),
  advance: (id: string, body: DecisionRequest) => send<Decision>(`${initiative(id)}/advance`, body),
  runs: (initiativeId?: string) => api<RunSummary[]>(`${BASE}/runs${initiativeId ? `?initiativeId=${encodeURIComponent(initiativeId)}` : ''}`),
  run: (runId: string) => api<RunView>(`${BASE}/runs/${encodeURIComponent(runId)}`),
  trs: (bucket: 'hour' | 'day') => api<TrsBreakdown>(`${BASE}/trs?bucket=${bucket}`),
};

const TWIN = '/api/twin';

/** The crossing's digital twin, served by the same host (the `twin` tag of apps/corridor/openapi.json). */
export const twinApi = {
  /** The latest forecast and what happened beside it; 404 until the first refresh. */
  forecast: () => api<TwinForecastView>(`${TWIN}/forecast`),
  /** Calibrate, forecast and score now (officer, engineer, manager); 422 with the reason when the telemetry is too thin. Takes no body. */
  refresh: () => api<TwinForecastView>(`${TWIN}/forecast`, { method: 'POST' }),
  /** Each action an officer in charge could take, on the latest calibration; a 400 names the bad field. */
  whatIf: (body: TwinWhatIfRequest) => send<TwinWhatIfResult>(`${TWIN}/what-if`, body),
  /** Earlier forecasts scored against what happened; 404 until one has been. */
  accuracy: () => api<TwinAccuracyReport>(`${TWIN}/accuracy`),
};

/**
 * The CSV export needs the bearer token, which a plain link cannot send: fetch it and hand the
 * browser a blob to save under the server's file name.
 */
export async function downloadCsv(id: string): Promise<void> {
  const token = storedToken();
  const response = await fetch(kpiApi.csvPath(id), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, `HTTP_${response.status}`, `the export failed (${response.status} ${response.statusText})`);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `kpi-measurements-${id}.csv`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A message a person can act on, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Your session has expired: sign out and sign in again.';
    if (error.status === 403) return `You are not allowed to do this (${error.message}).`;
    if (error.status === 404) return 'Not found: it may have been removed, or the link is wrong.';
    return error.message || `The server answered ${error.status}.`;
  }
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
