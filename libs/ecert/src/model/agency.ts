import { CountryCode } from '@corridor/domain';
import type { Principal } from '@corridor/platform';
import { readPublicKey } from '../document/keys';
import type { AgencyKeyRow, AgencyRow } from '../persistence/ecert.entities';
import { InputReader } from './input-reader';

export const AGENCY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

export interface AgencyKeyView {
  keyId: string;
  algorithm: 'Ed25519';
  /** base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  validFrom: string;
  validTo?: string;
  revokedAt?: string;
  revocationReason?: string;
  /** 'server': the server keeps the private key for the agency (embedded demo); 'client': the agency signs itself. */
  custody: 'server' | 'client';
  /** Signs new certificates now: neither closed by a rotation nor revoked. */
  active: boolean;
}

export interface AgencyView {
  id: string;
  name: string;
  country: string;
  createdAt: string;
  /** The active key (absent when every key is closed or revoked). */
  publicKey?: string;
  keyId?: string;
  keys: AgencyKeyView[];
}

export function isActiveKey(key: AgencyKeyRow, now = Date.now()): boolean {
  return key.revokedAt === null && (key.validTo === null || Date.parse(key.validTo) > now) && Date.parse(key.validFrom) <= now + 1000;
}

export function toAgencyView(agency: AgencyRow, keys: readonly AgencyKeyRow[]): AgencyView {
  const now = Date.now();
  const views = [...keys]
    .sort((a, b) => (a.validFrom === b.validFrom ? a.createdAt.localeCompare(b.createdAt) : a.validFrom.localeCompare(b.validFrom)))
    .map((key): AgencyKeyView => ({
      keyId: key.keyId,
      algorithm: 'Ed25519',
      publicKey: key.publicKey,
      validFrom: key.validFrom,
      ...(key.validTo ? { validTo: key.validTo } : {}),
      ...(key.revokedAt ? { revokedAt: key.revokedAt } : {}),
      ...(key.revocationReason ? { revocationReason: key.revocationReason } : {}),
      custody: key.privateKey ? 'server' : 'client',
      active: isActiveKey(key, now),
    }));
  const active = [...views].reverse().find((key) => key.active);
  return {
    id: agency.id,
    name: agency.name,
    country: agency.country,
    createdAt: agency.createdAt,
    ...(active ? { publicKey: active.publicKey, keyId: active.keyId } : {}),
    keys: views,
  };
}

/** Admins act for every agency; a principal with the agency role acts for the agencies that list it (or for all when none lists anyone). */
export function actsFor(agency: AgencyRow, principal: Principal): boolean {
  if (principal.roles.includes('admin')) return true;
  if (!principal.roles.includes('agency')) return false;
  const principals: string[] = JSON.parse(agency.principals);
  return principals.length === 0 || principals.includes(principal.id) || principal.id === agency.id;
}

export interface RegisterAgencyInput {
  id?: string;
  name: string;
  country: string;
  publicKey?: string;
  principals: string[];
}

export function parseRegisterAgency(input: unknown): RegisterAgencyInput {
  const r = new InputReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['id', 'name', 'country', 'publicKey', 'principals']);
  const id = r.string(body['id'], 'id', { required: false, max: 64, pattern: AGENCY_ID_PATTERN, patternHint: 'must be 2 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit' });
  const name = r.string(body['name'], 'name', { max: 200 });
  const country = r.value('country', () => CountryCode.parse(body['country'], 'country').code);
  const publicKey = parsePublicKeyField(r, body['publicKey'], 'publicKey');
  const principals = (r.array(body['principals'], 'principals', { max: 100, required: false }) ?? []).map((p, i) => r.string(p, `principals[${i}]`, { max: 128 }) ?? '');
  r.done('AGENCY.INVALID');
  return { id, name: name as string, country: country as string, publicKey, principals };
}

export function parseRotateKey(input: unknown): { publicKey?: string } {
  const r = new InputReader();
  const body = input === undefined || input === null ? {} : (r.object(input, 'body') ?? {});
  r.known(body, '', ['publicKey']);
  const publicKey = parsePublicKeyField(r, body['publicKey'], 'publicKey');
  r.done('AGENCY.INVALID_KEY');
  return { publicKey };
}

export function parseRevokeKey(input: unknown): { reason: string; at?: string } {
  const r = new InputReader();
  const body = input === undefined || input === null ? {} : (r.object(input, 'body') ?? {});
  r.known(body, '', ['reason', 'at']);
  const reason = r.string(body['reason'], 'reason', { max: 500, required: false }) ?? 'revoked by the agency';
  const at = r.instant(body['at'], 'at', false);
  if (at && Date.parse(at) > Date.now() + 60_000) r.fail('at', 'must not be in the future: a key is revoked from now or from when it was compromised');
  r.done('AGENCY.INVALID_REVOCATION');
  return { reason, at };
}

function parsePublicKeyField(r: InputReader, value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return r.fail(field, 'must be base64 of a raw 32-byte Ed25519 public key');
  const key = readPublicKey(value);
  if (!key.ok) return r.fail(field, key.reason);
  return key.value.base64;
}
