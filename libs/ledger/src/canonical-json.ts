import canonicalize from 'canonicalize';

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
  assertCanonicalisable(value, '$', new Set());
  const text = canonicalize(value);
  // Unreachable after the checks above; kept so a package change cannot yield `undefined` silently.
  if (text === undefined) throw new TypeError('canonical JSON: value has no JSON representation');
  return text;
}

/** The UTF-8 bytes of `canonicalJson(value)`: the usual way to turn a JSON record into a ledger entry. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function reject(path: string, why: string): never {
  throw new TypeError(`canonical JSON: ${path} ${why}`);
}

function assertCanonicalisable(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'boolean':
      return;
    case 'string':
      if (LONE_SURROGATE.test(value)) reject(path, 'is a string with a lone UTF-16 surrogate (not I-JSON)');
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
    value.forEach((item, i) => assertCanonicalisable(item, `${path}[${i}]`, ancestors));
  } else {
    const proto = Object.getPrototypeOf(value);
    // Plain means Object.prototype of any realm (its own prototype is null) or no prototype at all.
    if (proto !== null && Object.getPrototypeOf(proto) !== null) {
      reject(path, `is a ${proto?.constructor?.name ?? 'non-plain'} object; convert it to plain JSON data first`);
    }
    for (const [key, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) reject(`${path}[${JSON.stringify(key)}]`, 'is a key with a lone UTF-16 surrogate (not I-JSON)');
      if (item !== undefined) assertCanonicalisable(item, `${path}.${key}`, ancestors);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) reject(path, 'has symbol keys, which JSON cannot represent');
  }
  ancestors.delete(value);
}
