import { arrayIndexOf, formatFieldPath, parseFieldPath, toJsonPointer, type PathSegment } from './field-paths';
import { isRecord } from './envelope';
import { nodeLeafHash, walkData } from './leaves';
import type { CorridorCertificate, JsonObject, JsonValue } from './types';

/** Thrown by obfuscateDocument for a path that names nothing disclosed. */
export class ObfuscationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ObfuscationError';
  }
}

/**
 * Hides fields of a signed certificate without the issuer's key: every leaf under each path
 * (a single value, or a whole object or array) is removed from `data` and `salts` and its leaf
 * hash added to `obfuscated`, so the document still reproduces its signed digest.
 *
 * Paths: "goods[0].hsCode", "goods.0.hsCode", "data.goods[0].hsCode" or a JSON Pointer
 * "/goods/0/hsCode". A hidden object member disappears; a hidden array element becomes null (a
 * placeholder without a salt, so the other elements keep their positions); an object left
 * empty by hiding all its members disappears too. Throws ObfuscationError for a path that names
 * nothing disclosed (or the whole data).
 */
export function obfuscateDocument(document: CorridorCertificate, paths: readonly string[]): CorridorCertificate {
  if (!isRecord(document) || !isRecord(document.data) || !isRecord(document.salts) || !Array.isArray(document.obfuscated)) {
    throw new ObfuscationError('not a Corridor certificate document (data, salts and obfuscated are required)');
  }
  const data = structuredClone(document.data) as JsonObject;
  const salts: Record<string, string> = { ...document.salts };
  const hidden = new Set(document.obfuscated);

  for (const text of paths) {
    let raw: string[];
    try {
      raw = parseFieldPath(text);
    } catch (error) {
      throw new ObfuscationError(error instanceof Error ? error.message : `cannot read field path ${String(text)}`);
    }
    const segments = resolve(data, raw, text);
    const { parent, key } = locate(data, segments);
    const target = (parent as Record<string | number, JsonValue>)[key];
    // Hash every leaf of the subtree (the target itself included), with its full path.
    const subtreeRoot = { [String(key)]: target } as Record<string, unknown>;
    const prefix = segments.slice(0, -1);
    walkData(subtreeRoot, (node) => {
      const path = [...prefix, ...node.path];
      if (typeof key === 'number' && path.length > prefix.length) path[prefix.length] = key; // walkData sees the index as a key
      const pointer = toJsonPointer(path);
      const salt = salts[pointer];
      if (salt === undefined) {
        const isTarget = path.length === segments.length;
        // A null array element without a salt is the placeholder of an element hidden before.
        if (node.value === null && (node.kind === 'null-element' || (isTarget && typeof key === 'number'))) {
          if (isTarget) throw new ObfuscationError(`${formatFieldPath(path)} is already hidden`);
          return;
        }
        throw new ObfuscationError(`${formatFieldPath(path)} has no salt: the document is not intact`);
      }
      hidden.add(nodeLeafHash({ ...node, path, pointer }, salt));
      delete salts[pointer];
    });
    remove(data, segments);
  }
  return { ...document, data, salts, obfuscated: [...hidden].sort() };
}

/** Turns textual segments into typed ones (numbers for array indices), checking the path exists. */
function resolve(data: JsonObject, raw: readonly string[], text: string): PathSegment[] {
  if (raw.length === 0) throw new ObfuscationError('cannot hide the whole data; hide its fields');
  const segments: PathSegment[] = [];
  let node: JsonValue = data;
  for (const segment of raw) {
    if (Array.isArray(node)) {
      const index = arrayIndexOf(segment);
      if (index === undefined || index >= node.length) throw new ObfuscationError(`no field "${text}" in the disclosed data (${formatFieldPath(segments)} has no element ${segment})`);
      segments.push(index);
      node = node[index];
    } else if (node !== null && typeof node === 'object' && Object.hasOwn(node, segment)) {
      segments.push(segment);
      node = node[segment];
    } else {
      throw new ObfuscationError(`no field "${text}" in the disclosed data`);
    }
  }
  return segments;
}

function locate(data: JsonObject, segments: readonly PathSegment[]): { parent: JsonObject | JsonValue[]; key: PathSegment } {
  let parent: JsonValue = data;
  for (const segment of segments.slice(0, -1)) parent = (parent as Record<string | number, JsonValue>)[segment];
  return { parent: parent as JsonObject | JsonValue[], key: segments[segments.length - 1] };
}

/** Removes the node, then any object emptied by the removal (placeholders keep array positions). */
function remove(data: JsonObject, segments: readonly PathSegment[]): void {
  for (let depth = segments.length; depth > 0; depth--) {
    const { parent, key } = locate(data, segments.slice(0, depth));
    if (Array.isArray(parent)) {
      parent[key as number] = null;
      return;
    }
    delete (parent as JsonObject)[key as string];
    if (depth === 1 || Object.keys(parent).length > 0) return;
  }
}
