/**
 * Field paths inside certificate `data`.
 *
 * - Segments: object keys are strings, array indices are numbers. They are what leaf hashes
 *   commit to, so an array cannot be turned into an object with "0", "1"... keys unnoticed.
 * - JSON Pointer (RFC 6901, "/goods/0/hsCode"): the keys of a document's `salts` map.
 * - Display form ("data.goods[0].hsCode"): what validators report and what people type.
 */

export type PathSegment = string | number;

export function escapePointerSegment(segment: PathSegment): string {
  const text = String(segment);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

export function toJsonPointer(segments: readonly PathSegment[]): string {
  let pointer = '';
  for (const segment of segments) pointer += `/${escapePointerSegment(segment)}`;
  return pointer;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** "data.goods[0].hsCode"; keys that are not identifier-like are quoted: data["a b"]. */
export function formatFieldPath(segments: readonly PathSegment[], root = 'data'): string {
  let text = root;
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * Reads a path a person or a client wrote: a JSON Pointer ("/goods/0/hsCode"), or dotted and
 * bracketed ("goods.0.hsCode", "goods[0].hsCode", "data.goods[0].hsCode", 'data["a b"]').
 * A leading "data" segment is dropped (to reach a top-level key named "data", use "/data/...").
 * Returns string segments for keys and indices alike; they are matched against the data later
 * (a segment that names an array element must be a canonical non-negative integer).
 */
export function parseFieldPath(input: string): string[] {
  if (typeof input !== 'string' || input.length === 0) throw new TypeError('a field path must be a non-empty string');
  if (input.startsWith('/')) {
    return input
      .slice(1)
      .split('/')
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  const segments: string[] = [];
  const token = /\.?([^.[\]"]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let position = 0;
  while (position < input.length) {
    token.lastIndex = position;
    const match = token.exec(input);
    if (!match || (position > 0 && match[1] !== undefined && input[position] !== '.') || (position === 0 && input[0] === '.')) {
      throw new TypeError(`cannot read field path "${input}" at character ${position + 1}; use a JSON Pointer such as "/goods/0/hsCode" for unusual keys`);
    }
    segments.push(match[1] ?? match[2] ?? (JSON.parse(match[3]) as string));
    position = token.lastIndex;
  }
  // The display form starts with "data"; a top-level key literally named "data" needs a JSON Pointer.
  if (segments[0] === 'data' && segments.length > 1) segments.shift();
  return segments;
}

/** The array index a segment names, or undefined when it is not a canonical non-negative integer. */
export function arrayIndexOf(segment: string | number): number | undefined {
  if (typeof segment === 'number') return Number.isSafeInteger(segment) && segment >= 0 ? segment : undefined;
  return /^(0|[1-9][0-9]{0,8})$/.test(segment) ? Number(segment) : undefined;
}
