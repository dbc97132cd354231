import { InvalidValueError } from '../errors';
import { requireString } from './text';

const CODE = 'CONTAINER_NUMBER.INVALID';

// ISO 6346 letter values start at A=10 and skip multiples of 11 (11, 22, 33).
const LETTER_VALUES: Record<string, number> = (() => {
  const values: Record<string, number> = {};
  let value = 10;
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (value % 11 === 0) value++;
    values[letter] = value++;
  }
  return values;
})();

export function iso6346CheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i];
    const value = i < 4 ? LETTER_VALUES[ch] : Number(ch);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

/** ISO 6346 freight container number: owner code (3 letters), category (U, J or Z), serial (6 digits), check digit. */
export class ContainerNumber {
  private constructor(readonly value: string) {}

  static parse(input: unknown, field = 'containerNumber'): ContainerNumber {
    const raw = requireString(input, field, CODE, 20);
    const value = raw.replace(/[\s-]/g, '').toUpperCase();
    if (!/^[A-Z]{3}[UJZ]\d{7}$/.test(value)) {
      throw new InvalidValueError(CODE, field, `"${raw}" must be 3 owner letters, a category letter U, J or Z, 6 serial digits and a check digit`);
    }
    const expected = iso6346CheckDigit(value.slice(0, 10));
    if (Number(value[10]) !== expected) throw new InvalidValueError(CODE, field, `"${raw}" has check digit ${value[10]}, ISO 6346 gives ${expected}`);
    return new ContainerNumber(value);
  }

  toString(): string { return this.value; }
  toJSON(): string { return this.value; }
}
