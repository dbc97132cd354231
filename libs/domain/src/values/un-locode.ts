import { InvalidValueError } from '../errors';
import { CountryCode } from './country-code';
import { requireString } from './text';

const CODE = 'UN_LOCODE.INVALID';

/** UN/LOCODE: a country code and a 3-character location (letters and the digits 2-9), e.g. "USDET". */
export class UnLocode {
  private constructor(readonly value: string) {}

  static parse(input: unknown, field = 'locode'): UnLocode {
    const raw = requireString(input, field, CODE, 10);
    const value = raw.replace(/\s/g, '').toUpperCase();
    if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(value)) throw new InvalidValueError(CODE, field, `"${raw}" must be a country code and 3 letters or digits 2-9, e.g. USDET`);
    if (!CountryCode.isValid(value.slice(0, 2))) throw new InvalidValueError(CODE, field, `"${value.slice(0, 2)}" is not an ISO 3166-1 country code`);
    return new UnLocode(value);
  }

  get country(): string { return this.value.slice(0, 2); }
  toString(): string { return this.value; }
  toJSON(): string { return this.value; }
}
