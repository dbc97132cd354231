/**
 * Hex is the ledger's one text form for bytes (hashes, keys, signatures, entries in files).
 * Output is always lowercase. Parsing is strict: an even number of hex digits and nothing else
 * (no `0x`, no whitespace); both letter cases are accepted because they cannot be confused.
 */

export type HexParseResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

const HEX_DIGITS = '0123456789abcdef';
const BYTE_TO_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => HEX_DIGITS[b >> 4] + HEX_DIGITS[b & 15]);

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_HEX[bytes[i]];
  return out;
}

/** Value of one hex digit's char code, or -1. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

function describeChar(text: string, at: number): string {
  const code = text.charCodeAt(at);
  const shown = code >= 0x21 && code <= 0x7e ? `'${text[at]}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${shown} at position ${at}`;
}

/**
 * Parses hex without throwing. `expectedBytes` rejects any other decoded length (checked before
 * decoding, so hostile megabyte strings cost nothing).
 */
export function parseHex(text: unknown, expectedBytes?: number): HexParseResult {
  if (typeof text !== 'string') return { ok: false, reason: `expected a hex string, got ${describeType(text)}` };
  if (text.length % 2 !== 0) return { ok: false, reason: `hex has an odd number of digits (${text.length})` };
  if (expectedBytes !== undefined && text.length !== expectedBytes * 2) {
    return { ok: false, reason: `expected ${expectedBytes} bytes (${expectedBytes * 2} hex digits), got ${text.length / 2} bytes` };
  }
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = nibble(text.charCodeAt(2 * i));
    const low = nibble(text.charCodeAt(2 * i + 1));
    if (high < 0) return { ok: false, reason: `invalid hex digit ${describeChar(text, 2 * i)}` };
    if (low < 0) return { ok: false, reason: `invalid hex digit ${describeChar(text, 2 * i + 1)}` };
    bytes[i] = (high << 4) | low;
  }
  return { ok: true, bytes };
}

/** Parses hex or throws a TypeError carrying the reason. */
export function hexToBytes(text: string, expectedBytes?: number): Uint8Array {
  const parsed = parseHex(text, expectedBytes);
  if (!parsed.ok) throw new TypeError(parsed.reason);
  return parsed.bytes;
}

/**
 * Uint8Array check that also works across realms (iframes, jsdom, workers), where a byte array
 * made by another global's TextEncoder fails `instanceof Uint8Array`.
 */
export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || Object.prototype.toString.call(value) === '[object Uint8Array]';
}

/** A short, safe description of an unexpected value for error reasons (never echoes large input). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isBytes(value)) return `${value.length} bytes`;
  return typeof value;
}
