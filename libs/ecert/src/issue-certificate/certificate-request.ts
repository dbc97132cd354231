import { InvalidFieldsError } from '@corridor/domain';
import { randomBytes } from 'node:crypto';
import { CERTIFICATE_TYPES, type CertificateType, type JsonObject } from '../document/types';
import type { FieldError } from '../validation/field-errors';
import { InputReader } from '../model/input-reader';

/** Ids a registered certificate may have: they appear in URLs and on declarations. */
export const CERTIFICATE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const CERTIFICATE_ID_HINT = 'must be 1 to 128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';

export interface IssueRequest {
  type: CertificateType;
  agencyId: string;
  data: JsonObject;
  id?: string;
}

export function parseIssueRequest(input: unknown): IssueRequest {
  const r = new InputReader();
  const body = r.object(input, 'body') ?? {};
  r.known(body, '', ['type', 'agencyId', 'data', 'id']);
  const type = r.oneOf(body['type'], 'type', CERTIFICATE_TYPES);
  const agencyId = r.string(body['agencyId'], 'agencyId', { max: 64 });
  const data = r.object(body['data'], 'data');
  const id = r.string(body['id'], 'id', { required: false, max: 128, pattern: CERTIFICATE_ID_PATTERN, patternHint: CERTIFICATE_ID_HINT });
  r.done('CERTIFICATE.INVALID');
  return { type: type as CertificateType, agencyId: agencyId as string, data: data as JsonObject, id };
}

/** ECERT-KE-2026-3F9A1C02B7: country of the agency, year, 40 random bits. */
export function newCertificateId(country: string, at: Date): string {
  return `ECERT-${country}-${at.getUTCFullYear()}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** The core's field errors (data.goods[0].hsCode, issuer.agencyId) as a 400 naming each field under `prefix`. */
export function fieldErrors(code: string, errors: readonly FieldError[], rename: (path: string) => string): InvalidFieldsError {
  return new InvalidFieldsError(code, errors.map((e) => {
    const field = rename(e.path);
    return { field, message: `${field}: ${e.message}` };
  }));
}
