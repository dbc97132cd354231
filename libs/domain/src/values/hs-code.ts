import { InvalidValueError } from '../errors';
import { requireString } from './text';

const CODE = 'HS_CODE.INVALID';

/**
 * Harmonized System tariff code: 6 digits internationally, up to 10 nationally. Dots and
 * spaces as people write them ("0804.50") are accepted and dropped. Chapters run 01-97
 * (77 is reserved but still a chapter number; 00, 98 and 99 are national or invalid).
 */
export class HsCode {
  private constructor(readonly digits: string) {}

  static parse(input: unknown, field = 'hsCode'): HsCode {
    const raw = requireString(input, field, CODE, 20);
    const digits = raw.replace(/[.\s]/g, '');
    if (!/^\d+$/.test(digits)) throw new InvalidValueError(CODE, field, `"${raw}" must contain only digits (dots and spaces allowed)`);
    if (digits.length < 6 || digits.length > 10) throw new InvalidValueError(CODE, field, `"${raw}" must have 6 to 10 digits, has ${digits.length}`);
    const chapter = Number(digits.slice(0, 2));
    if (chapter < 1 || chapter > 97) throw new InvalidValueError(CODE, field, `chapter ${digits.slice(0, 2)} is outside 01-97`);
    return new HsCode(digits);
  }

  get chapter(): string { return this.digits.slice(0, 2); }
  get heading(): string { return this.digits.slice(0, 4); }
  get subheading(): string { return this.digits.slice(0, 6); }

  /** The hierarchy from the most general level down: HS2, HS4, HS6, then the national code. */
  levels(): string[] {
    const levels = [this.chapter, this.heading, this.subheading];
    if (this.digits.length > 6) levels.push(this.digits);
    return levels;
  }

  toString(): string { return this.digits; }
  toJSON(): string { return this.digits; }
}
