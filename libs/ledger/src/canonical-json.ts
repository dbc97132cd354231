/**
 * RFC 8785 (JSON Canonicalization Scheme) so that one logical JSON value always becomes the same
 * ledger entry bytes, whoever serialises it.
 *
 * Only plain JSON data is accepted: null, booleans, finite numbers, strings without lone
 * surrogates (I-JSON, RFC 7493, which RFC 8785 requires), arrays and plain objects. Anything the
 * `canonicalize` package would silently turn into something else (NaN, Infinity, undefined in an
 * array, functions, symbols, BigInt, Dates and other `toJSON` objects, class instances, cycles) is
 * rejected with the path of the offending value. Object properties whose value is `undefined` are
 * omitted, exactly as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  // The output is what the `canonicalize` package gives for the same (checked) value:
  // JSON.stringify for strings and numbers (ES number formatting, as RFC 8785 requires), object
  // keys in UTF-16 code unit order. Writing checks as it goes; only when it finds something it
  // cannot write is the value checked again from the start, in property order, to name the first
  // offending path.
  try {
    return write(value, new Set());
  } catch (error) {
    if (error !== NOT_CANONICAL) throw error;
    check(value, '$', new Set());
    throw new TypeError('canonical JSON: value has no JSON representation', { cause: error });
  }
}

/** The UTF-8 bytes of `canonicalJson(value)`: the usual way to turn a JSON record into a ledger entry. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SURROGATE = /[\uD800-\uDFFF]/;

/** Most text has no surrogate at all: the cheap test first. */
function hasLoneSurrogate(text: string): boolean {
  return SURROGATE.test(text) && LONE_SURROGATE.test(text);
}

function reject(path: string, why: string): never {
  throw new TypeError(`canonical JSON: ${path} ${why}`);
}

const NOT_CANONICAL = new Error('not canonicalisable');

function write(value: unknown, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      if (hasLoneSurrogate(value)) throw NOT_CANONICAL;
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw NOT_CANONICAL;
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw NOT_CANONICAL;
  }
  if (value === null) return 'null';
  if (ancestors.has(value)) throw NOT_CANONICAL;
  ancestors.add(value);
  let text = '';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + write(value[i], ancestors);
    text = `[${text}]`;
  } else {
    const proto = Object.getPrototypeOf(value);
    if ((proto !== null && Object.getPrototypeOf(proto) !== null) || Object.getOwnPropertySymbols(value).length > 0) throw NOT_CANONICAL;
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    for (const key of keys) {
      if (hasLoneSurrogate(key)) throw NOT_CANONICAL;
      const item = record[key];
      if (item !== undefined) text += (text === '' ? '' : ',') + JSON.stringify(key) + ':' + write(item, ancestors);
    }
    text = `{${text}}`;
  }
  ancestors.delete(value);
  return text;
}

/** Throws the error naming the first value (in property order) that has no canonical JSON form. */
function check(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'boolean':
      return;
    case 'string':
      if (hasLoneSurrogate(value)) reject(path, 'is a string with a lone UTF-16 surrogate (not I-JSON)');
      return;
    case 'number':
      if (Number.isNaN(value)) reject(path, 'is NaN, which JSON cannot represent');
      if (!Number.isFinite(value)) reject(path, `is ${value}, which JSON cannot represent`);
      return;
    case 'object':
      break;
    default:
      reject(path, `is ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}, which JSON cannot represent`);
  }
  if (value === null) return;
  if (ancestors.has(value)) reject(path, 'is a circular reference');
  ancestors.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => check(item, `${path}[${i}]`, ancestors));
  } else {
    const proto = Object.getPrototypeOf(value);
    // Plain means Object.prototype of any realm (its own prototype is null) or no prototype at all.
    if (proto !== null && Object.getPrototypeOf(proto) !== null) {
      reject(path, `is a ${proto?.constructor?.name ?? 'non-plain'} object; convert it to plain JSON data first`);
    }
    for (const [key, item] of Object.entries(value)) {
      if (hasLoneSurrogate(key)) reject(`${path}[${JSON.stringify(key)}]`, 'is a key with a lone UTF-16 surrogate (not I-JSON)');
      if (item !== undefined) check(item, `${path}.${key}`, ancestors);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) reject(path, 'has symbol keys, which JSON cannot represent');
  }
  ancestors.delete(value);
}
