import { CountryCode, TraderId } from '@corridor/domain';
import type { AeoOperatorRow, AeoStatusRow } from '../persistence/ecert.entities';
import { InputReader } from './input-reader';

/** Trusted-trader programmes: WCO AEO, FAST (US/CA/MX Free and Secure Trade), PIP (Canada's Partners in Protection). */
export const AEO_PROGRAMMES = ['AEO', 'FAST', 'PIP'] as const;
export type AeoProgramme = (typeof AEO_PROGRAMMES)[number];
export const AEO_STATUSES = ['granted', 'suspended', 'revoked'] as const;
export type AeoStatus = (typeof AEO_STATUSES)[number];

export interface AeoStatusChangeView {
  seq: number;
  status: AeoStatus;
  previousStatus?: AeoStatus;
  reason?: string;
  at: string;
  by: string;
}

export interface AeoOperatorView {
  id: string;
  administration: string;
  operatorId: string;
  name: string;
  programme: AeoProgramme;
  status: AeoStatus;
  /** When the current status took effect. */
  since: string;
  reason?: string;
  createdAt: string;
  history?: AeoStatusChangeView[];
}

/** "Was X an AEO at time T, as administration B sees it?" */
export interface AeoStatusAnswer {
  operatorId: string;
  at: string;
  asSeenBy?: string;
  /** true when an authorisation visible to asSeenBy was granted at `at`. */
  aeo: boolean;
  /** 'unknown': no authorisation visible to asSeenBy existed at `at`. */
  status: AeoStatus | 'unknown';
  since: string | null;
  programme: AeoProgramme | null;
  administration: string | null;
  name?: string;
  reason?: string;
}

export interface TrustedStatus {
  operatorId: string;
  at: string;
  /** Granted under at least one programme at `at`. */
  trusted: boolean;
  programmes: Array<{ programme: AeoProgramme; administration: string; status: AeoStatus; since: string; name: string; reason?: string }>;
}

export interface ArrangementView {
  id: string;
  administrations: [string, string];
  name?: string;
  createdAt: string;
}

/** The feed's event data: one status change. */
export interface AeoFeedEvent {
  seq: number;
  operatorId: string;
  administration: string;
  programme: AeoProgramme;
  status: AeoStatus;
  previousStatus?: AeoStatus;
  reason?: string;
  at: string;
}

export function toOperatorView(row: AeoOperatorRow, history?: AeoStatusRow[]): AeoOperatorView {
  return {
    id: row.id,
    administration: row.administration,
    operatorId: row.operatorId,
    name: row.name,
    programme: row.programme as AeoProgramme,
    status: row.status as AeoStatus,
    since: row.since,
    ...(row.statusReason ? { reason: row.statusReason } : {}),
    createdAt: row.createdAt,
    ...(history ? { history: history.map(toChangeView) } : {}),
  };
}

export function toChangeView(row: AeoStatusRow): AeoStatusChangeView {
  return {
    seq: row.seq,
    status: row.status as AeoStatus,
    ...(row.previousStatus ? { previousStatus: row.previousStatus as AeoStatus } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    at: row.at,
    by: row.by,
  };
}

export function toFeedEvent(row: AeoStatusRow): AeoFeedEvent {
  return {
    seq: row.seq,
    operatorId: row.operatorId,
    administration: row.administration,
    programme: row.programme as AeoProgramme,
    status: row.status as AeoStatus,
    ...(row.previousStatus ? { previousStatus: row.previousStatus as AeoStatus } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    at: row.at,
  };
}

/** The history entry in force at `at` (history sorted by time, then sequence). */
export function statusAt(history: readonly AeoStatusRow[], at: string): AeoStatusRow | undefined {
  let found: AeoStatusRow | undefined;
  for (const row of history) if (row.at <= at) found = row;
  return found;
}

export function sortHistory(rows: AeoStatusRow[]): AeoStatusRow[] {
  return rows.sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
}

export function parseCountry(r: InputReader, value: unknown, field: string, required = true): string | undefined {
  if ((value === undefined || value === null || value === '') && !required) return undefined;
  return r.value(field, () => CountryCode.parse(value, field).code);
}

export interface RegisterOperatorInput {
  administration: string;
  operatorId: string;
  name: string;
  programme: AeoProgramme;
  status: AeoStatus;
  since?: string;
  reason?: string;
}

export function parseRegisterOperator(input: unknown): RegisterOperatorInput {
  const r = new InputReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['administration', 'operatorId', 'name', 'programme', 'status', 'since', 'reason']);
  const administration = parseCountry(r, body['administration'], 'administration');
  const operatorId = r.value('operatorId', () => TraderId.parse(body['operatorId'], 'operatorId').value);
  const name = r.string(body['name'], 'name', { max: 200 });
  const programme = r.oneOf(body['programme'], 'programme', AEO_PROGRAMMES, false) ?? 'AEO';
  const status = r.oneOf(body['status'], 'status', AEO_STATUSES, false) ?? 'granted';
  const since = r.instant(body['since'], 'since', false);
  if (since && Date.parse(since) > Date.now() + 60_000) r.fail('since', 'must not be in the future');
  const reason = r.string(body['reason'], 'reason', { max: 500, required: false });
  r.done('AEO.INVALID');
  return { administration: administration as string, operatorId: operatorId as string, name: name as string, programme, status, since, reason };
}

export function parseStatusChange(input: unknown): { status: AeoStatus; reason?: string; programme?: AeoProgramme; administration?: string } {
  const r = new InputReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['status', 'reason', 'programme', 'administration']);
  const status = r.oneOf(body['status'], 'status', AEO_STATUSES);
  const reason = r.string(body['reason'], 'reason', { max: 500, required: false });
  const programme = r.oneOf(body['programme'], 'programme', AEO_PROGRAMMES, false);
  const administration = parseCountry(r, body['administration'], 'administration', false);
  r.done('AEO.INVALID_STATUS');
  return { status: status as AeoStatus, reason, programme, administration };
}

export function parseArrangement(input: unknown): { administrations: [string, string]; name?: string } {
  const r = new InputReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['administrations', 'name']);
  const list = r.array(body['administrations'], 'administrations', { min: 2, max: 2 }) ?? [];
  const administrations = list.map((a, i) => parseCountry(r, a, `administrations[${i}]`));
  if (administrations.length === 2 && administrations[0] && administrations[0] === administrations[1]) r.fail('administrations[1]', 'must differ from administrations[0]');
  const name = r.string(body['name'], 'name', { max: 200, required: false });
  r.done('AEO.INVALID_ARRANGEMENT');
  return { administrations: [...(administrations as string[])].sort() as [string, string], name };
}

/** ?at=ISO&asSeenBy=XX&programme=AEO */
export function parseStatusQuery(query: Record<string, unknown>): { at?: string; asSeenBy?: string; programme?: AeoProgramme } {
  const r = new InputReader();
  const single = (name: string): unknown => (Array.isArray(query[name]) ? r.fail(name, 'must be given once') : query[name]);
  const at = r.instant(single('at'), 'at', false);
  const asSeenBy = parseCountry(r, single('asSeenBy'), 'asSeenBy', false);
  const programme = r.oneOf(single('programme'), 'programme', AEO_PROGRAMMES, false);
  r.done('AEO.INVALID_QUERY');
  return { at, asSeenBy, programme };
}
