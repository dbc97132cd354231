import { InvalidValueError } from '../errors';
import { CountryCode } from './country-code';
import { requireString } from './text';

const CODE = 'TRADER_ID.INVALID';

/**
 * A trader's identifier in the EORI shape shared by most administrations: the issuing
 * country (ISO 3166-1 alpha-2) and up to 15 letters or digits, e.g. "DE123456789012345".
 */
export class TraderId {
  private constructor(readonly value: string) {}

  static parse(input: unknown, field = 'id'): TraderId {
    const raw = requireString(input, field, CODE, 40);
    const value = raw.replace(/[\s-]/g, '').toUpperCase();
    if (!/^[A-Z]{2}[A-Z0-9]{1,15}$/.test(value)) throw new InvalidValueError(CODE, field, `"${raw}" must be a country code followed by 1 to 15 letters or digits (EORI form)`);
    if (!CountryCode.isValid(value.slice(0, 2))) throw new InvalidValueError(CODE, field, `"${value.slice(0, 2)}" is not an ISO 3166-1 country code`);
    return new TraderId(value);
  }

  get country(): string { return this.value.slice(0, 2); }
  toString(): string { return this.value; }
  toJSON(): string { return this.value; }
}
