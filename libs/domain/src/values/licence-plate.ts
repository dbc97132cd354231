import { InvalidValueError } from '../errors';
import { CountryCode } from './country-code';
import { describe, requireString } from './text';

const CODE = 'LICENCE_PLATE.INVALID';

/**
 * A licence plate is only unique within the jurisdiction that issued it: a country (ISO 3166-1
 * alpha-2, "DE") or a subdivision (ISO 3166-2 style, "US-MI", "CA-ON"). The number is kept in
 * the normalised form readers compare on: upper case, no spaces or dashes.
 */
export class LicencePlate {
  private constructor(readonly jurisdiction: string, readonly number: string) {}

  static parse(input: unknown, field = 'plate'): LicencePlate {
    if (typeof input === 'string') return LicencePlate.fromKey(input, field);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new InvalidValueError(CODE, field, `must be an object {jurisdiction, number}, got ${describe(input)}`);
    }
    const { jurisdiction, number } = input as Record<string, unknown>;
    return LicencePlate.of(jurisdiction, number, field);
  }

  /** Parses the "JUR:NUMBER" form used in query strings. */
  static fromKey(key: string, field = 'plate'): LicencePlate {
    const at = key.indexOf(':');
    if (at < 0) throw new InvalidValueError(CODE, field, `"${key}" must be JURISDICTION:NUMBER, e.g. US-MI:ABC1234`);
    return LicencePlate.of(key.slice(0, at), key.slice(at + 1), field);
  }

  static of(jurisdiction: unknown, number: unknown, field = 'plate'): LicencePlate {
    const jur = requireString(jurisdiction, `${field}.jurisdiction`, CODE, 10).toUpperCase();
    const match = /^([A-Z]{2})(-[A-Z0-9]{1,3})?$/.exec(jur);
    if (!match || !CountryCode.isValid(match[1])) {
      throw new InvalidValueError(CODE, `${field}.jurisdiction`, `"${jur}" must be an ISO 3166-1 country or ISO 3166-2 subdivision such as US-MI`);
    }
    const raw = requireString(number, `${field}.number`, CODE, 20);
    const normalised = raw.replace(/[\s-]/g, '').toUpperCase();
    if (!/^[A-Z0-9]{1,10}$/.test(normalised)) {
      throw new InvalidValueError(CODE, `${field}.number`, `"${raw}" must be 1 to 10 letters or digits (spaces and dashes allowed)`);
    }
    return new LicencePlate(jur, normalised);
  }

  key(): string { return `${this.jurisdiction}:${this.number}`; }
  equals(other: LicencePlate): boolean { return this.key() === other.key(); }
  toString(): string { return this.key(); }
  toJSON(): { jurisdiction: string; number: string } { return { jurisdiction: this.jurisdiction, number: this.number }; }
}
