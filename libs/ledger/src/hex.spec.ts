import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, parseHex } from './hex';

describe('hex', () => {
  it('writes lowercase hex and reads it back', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const hex = bytesToHex(bytes);
    expect(hex).toMatch(/^[0-9a-f]{512}$/);
    expect(hex.slice(0, 8)).toBe('00010203');
    expect(hexToBytes(hex)).toEqual(bytes);
    expect(bytesToHex(new Uint8Array())).toBe('');
  });

  it('accepts both letter cases when parsing', () => {
    expect(hexToBytes('ABcdEf')).toEqual(Uint8Array.of(0xab, 0xcd, 0xef));
  });

  it('rejects malformed hex with a reason', () => {
    expect(parseHex('abc')).toEqual({ ok: false, reason: 'hex has an odd number of digits (3)' });
    expect(parseHex('0x00')).toEqual({ ok: false, reason: "invalid hex digit 'x' at position 1" });
    expect(parseHex('00 11')).toMatchObject({ ok: false, reason: expect.stringMatching(/odd number/) });
    expect(parseHex('00 1')).toEqual({ ok: false, reason: 'invalid hex digit U+0020 at position 2' });
    expect(parseHex('gg')).toEqual({ ok: false, reason: "invalid hex digit 'g' at position 0" });
    expect(parseHex('é0')).toEqual({ ok: false, reason: 'invalid hex digit U+00E9 at position 0' });
    expect(parseHex(42)).toEqual({ ok: false, reason: 'expected a hex string, got number' });
    expect(() => hexToBytes('0')).toThrow(TypeError);
  });

  it('checks the expected length before decoding', () => {
    expect(parseHex('00'.repeat(31), 32)).toEqual({ ok: false, reason: 'expected 32 bytes (64 hex digits), got 31 bytes' });
    expect(parseHex('zz'.repeat(1_000_000), 32)).toMatchObject({ ok: false, reason: expect.stringMatching(/got 1000000 bytes/) });
    expect(parseHex('00'.repeat(32), 32)).toMatchObject({ ok: true });
  });
});
