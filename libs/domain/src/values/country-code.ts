import { getAlpha2Codes } from 'i18n-iso-countries';
import { InvalidValueError } from '../errors';
import { requireString } from './text';

const CODE = 'COUNTRY_CODE.INVALID';
// The ISO 3166-1 list from a maintained package, so new or withdrawn codes follow its releases.
const ALPHA2 = new Set(Object.keys(getAlpha2Codes()));

/** ISO 3166-1 alpha-2 country code, upper case. */
export class CountryCode {
  private constructor(readonly code: string) {}

  static parse(input: unknown, field = 'country'): CountryCode {
    const raw = requireString(input, field, CODE, 8);
    const code = raw.toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) throw new InvalidValueError(CODE, field, `"${raw}" must be two letters (ISO 3166-1 alpha-2)`);
    if (!ALPHA2.has(code)) throw new InvalidValueError(CODE, field, `"${code}" is not an ISO 3166-1 alpha-2 country code`);
    return new CountryCode(code);
  }

  static isValid(code: string): boolean { return ALPHA2.has(code); }

  toString(): string { return this.code; }
  toJSON(): string { return this.code; }
}
