import { InvalidValueError } from '../errors';
import { describe } from './text';

const CODE = 'MASS.INVALID';
const MAX_KG = 1_000_000_000; // a billion kg: beyond any conveyance, so larger is a typo or an attack

/** A mass in kilograms, to the gram. */
export class Mass {
  private constructor(readonly kg: number) {}

  static kg(input: unknown, field = 'massKg'): Mass {
    const value = typeof input === 'string' && input.trim() !== '' ? Number(input) : input;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidValueError(CODE, field, `must be a finite number of kilograms, got ${describe(input)}`);
    if (value < 0) throw new InvalidValueError(CODE, field, 'must not be negative');
    if (value > MAX_KG) throw new InvalidValueError(CODE, field, `must be at most ${MAX_KG} kg`);
    return new Mass(Math.round(value * 1000) / 1000);
  }

  toJSON(): number { return this.kg; }
  toString(): string { return `${this.kg} kg`; }
}
