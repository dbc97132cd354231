import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value, via the `canonicalize` package.
 *
 * Only plain JSON data is accepted: null, booleans, finite numbers, strings without lone UTF-16
 * surrogates (I-JSON, RFC 7493, which RFC 8785 requires), arrays and plain objects. Anything the
 * package would silently turn into something else (NaN, Infinity, undefined, functions, symbols,
 * BigInt, Dates and other `toJSON` objects, class instances, cycles) is refused with a TypeError
 * naming the path of the offending value.
 */
export function canonicalJson(value: unknown): string {
  assertPlainJson(value, '$');
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonical JSON: value has no JSON representation');
  return text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `value` is not plain JSON data, or undefined when it is. */
export function plainJsonProblem(value: unknown, path: string, ancestors: Set<object> = new Set(), depth = 0): string | undefined {
  if (depth > 256) return `${path} is nested deeper than 256 levels`;
  switch (typeof value) {
    case 'boolean':
      return undefined;
    case 'string':
      return LONE_SURROGATE.test(value) ? `${path} is a string with a lone UTF-16 surrogate (not I-JSON)` : undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${path} is ${value}, which JSON cannot represent`;
    case 'object': {
      if (value === null) return undefined;
      if (ancestors.has(value)) return `${path} is a circular reference`;
      const isArray = Array.isArray(value);
      if (!isArray) {
        const prototype = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null) return `${path} is a ${value.constructor?.name ?? 'non-plain'} object, not plain JSON`;
      }
      ancestors.add(value);
      try {
        if (isArray) {
          for (let i = 0; i < value.length; i++) {
            const problem = plainJsonProblem(value[i], `${path}[${i}]`, ancestors, depth + 1);
            if (problem) return problem;
          }
        } else {
          for (const key of Object.keys(value)) {
            if (LONE_SURROGATE.test(key)) return `${path} has a key with a lone UTF-16 surrogate (not I-JSON)`;
            const problem = plainJsonProblem((value as Record<string, unknown>)[key], `${path}.${key}`, ancestors, depth + 1);
            if (problem) return problem;
          }
        }
      } finally {
        ancestors.delete(value);
      }
      return undefined;
    }
    default:
      return `${path} is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which JSON cannot represent`;
  }
}

function assertPlainJson(value: unknown, path: string): void {
  const problem = plainJsonProblem(value, path);
  if (problem) throw new TypeError(`canonical JSON: ${problem}`);
}
