import { InvalidValueError } from '../errors';
import { describe, requireString } from './text';

const CODE = 'MONEY.INVALID';
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
/** Amounts are held as integers of 1/10,000 of the unit: exact for every ISO 4217 minor unit (0-4). */
const SCALE = 4;
const SCALE_FACTOR = 10n ** BigInt(SCALE);
const MAX_INTEGER_DIGITS = 15;

/** ISO 4217 currency and a decimal amount, exact: arithmetic is on bigint, never on floats. */
export class Money {
  private constructor(readonly currency: string, readonly scaled: bigint) {}

  static parse(input: unknown, field = 'value'): Money {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new InvalidValueError(CODE, field, `must be an object {amount, currency}, got ${describe(input)}`);
    }
    const { amount, currency } = input as Record<string, unknown>;
    return Money.of(amount, currency, field);
  }

  static of(amount: unknown, currency: unknown, field = 'value'): Money {
    const cur = requireString(currency, `${field}.currency`, CODE, 3).toUpperCase();
    if (!/^[A-Z]{3}$/.test(cur) || !CURRENCIES.has(cur)) {
      throw new InvalidValueError(CODE, `${field}.currency`, `"${cur}" is not an ISO 4217 currency code`);
    }
    return new Money(cur, parseDecimal(amount, `${field}.amount`, minorUnits(cur)));
  }

  static zero(currency: string): Money { return Money.of('0', currency); }

  /** The decimal amount as a string with the currency's minor units at least ("12.50 EUR" -> "12.50"). */
  get amount(): string {
    const negative = this.scaled < 0n;
    const abs = negative ? -this.scaled : this.scaled;
    const whole = abs / SCALE_FACTOR;
    let fraction = (abs % SCALE_FACTOR).toString().padStart(SCALE, '0');
    const keep = minorUnits(this.currency);
    while (fraction.length > keep && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.currency, this.scaled + other.scaled);
  }

  compare(other: Money): number {
    this.assertSameCurrency(other);
    return this.scaled < other.scaled ? -1 : this.scaled > other.scaled ? 1 : 0;
  }

  equals(other: Money): boolean { return this.currency === other.currency && this.scaled === other.scaled; }

  /** For statistics only (unit values, ratios): never feed the result back into an amount. */
  toNumber(): number { return Number(this.scaled) / Number(SCALE_FACTOR); }

  toString(): string { return `${this.amount} ${this.currency}`; }
  toJSON(): { amount: string; currency: string } { return { amount: this.amount, currency: this.currency }; }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new InvalidValueError('MONEY.CURRENCY_MISMATCH', 'currency', `cannot combine ${this.currency} with ${other.currency}`);
    }
  }
}

export function isCurrency(code: string): boolean { return CURRENCIES.has(code); }

// Intl.NumberFormat is costly to build; the answer per currency never changes.
const MINOR_UNITS = new Map<string, number>();

function minorUnits(currency: string): number {
  let units = MINOR_UNITS.get(currency);
  if (units === undefined) {
    units = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    MINOR_UNITS.set(currency, units);
  }
  return units;
}

function parseDecimal(input: unknown, field: string, minor: number): bigint {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new InvalidValueError(CODE, field, 'must be a finite number');
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    throw new InvalidValueError(CODE, field, `must be a decimal string such as "1250.00", got ${describe(input)}`);
  }
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new InvalidValueError(CODE, field, `"${text}" is not a plain decimal number such as "1250.00"`);
  const [, sign, whole, fraction = ''] = match;
  if (sign) throw new InvalidValueError(CODE, field, 'must not be negative');
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_INTEGER_DIGITS) throw new InvalidValueError(CODE, field, `has more than ${MAX_INTEGER_DIGITS} integer digits`);
  const allowed = Math.max(minor, SCALE);
  if (fraction.length > allowed) throw new InvalidValueError(CODE, field, `has more than ${allowed} decimals`);
  return BigInt(digits) * SCALE_FACTOR + BigInt(fraction.padEnd(SCALE, '0').slice(0, SCALE));
}
