import { InvalidValueError } from '../errors';
import { requireString } from './text';

const CODE = 'RFID_EPC.INVALID';

/** An RFID transponder's 96-bit EPC, as 24 hexadecimal digits (upper case). */
export class RfidEpc {
  private constructor(readonly hex: string) {}

  static parse(input: unknown, field = 'epc'): RfidEpc {
    const raw = requireString(input, field, CODE, 40);
    const hex = raw.replace(/[\s:-]/g, '').toUpperCase();
    if (!/^[0-9A-F]+$/.test(hex)) throw new InvalidValueError(CODE, field, `"${raw}" must be hexadecimal`);
    if (hex.length !== 24) throw new InvalidValueError(CODE, field, `"${raw}" must be 96 bits (24 hex digits), has ${hex.length * 4} bits`);
    return new RfidEpc(hex);
  }

  toString(): string { return this.hex; }
  toJSON(): string { return this.hex; }
}
