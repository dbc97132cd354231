// Reading a YAML document field by field, collecting every problem with the field's path and
// the line it is on, so one run of the validator reports all the mistakes in a file.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export type Path = ReadonlyArray<string | number>;

/** One problem with a scenario: `field` like `lanes[0].service_time_s.mean`; `line` is 1-based. */
export interface ScenarioIssue {
  field: string;
  message: string;
  line?: number;
}

/** A scenario that cannot be used; `issues` lists every problem found. */
export class ScenarioError extends Error {
  constructor(readonly issues: readonly ScenarioIssue[], readonly source?: string) {
    super(formatIssues(issues, source));
    this.name = 'ScenarioError';
  }
}

export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line !== undefined ? ` (line ${issue.line})` : '';
  return issue.field ? `${issue.field}: ${issue.message}${where}` : `${issue.message}${where}`;
}

function formatIssues(issues: readonly ScenarioIssue[], source?: string): string {
  if (issues.length === 1 && !issues[0].field && issues[0].line === undefined) return `${source ? `${source}: ` : ''}${issues[0].message}`;
  const head = `${source ? `${source}: ` : ''}invalid scenario (${issues.length} problem${issues.length === 1 ? '' : 's'})`;
  return [head, ...issues.map((i) => `  ${formatIssue(i)}`)].join('\n');
}

/** `lanes[0].service_time_s.mean` from ['lanes', 0, 'service_time_s', 'mean']. */
export function pathString(path: Path): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

export type Json = Record<string, unknown>;

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : typeof v === 'string' ? `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"` : String(v);

/**
 * Parses YAML and reads it with paths. Syntax errors become issues at once (with their line);
 * field checks add issues and return undefined, so callers carry on and report everything.
 */
export class YamlReader {
  readonly issues: ScenarioIssue[] = [];
  readonly root: unknown;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: true, uniqueKeys: true });
    for (const error of this.doc.errors) {
      const line = error.linePos?.[0]?.line;
      const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      this.issues.push({ field: '', message: `YAML syntax: ${message}`, ...(line !== undefined ? { line } : {}) });
    }
    this.root = this.doc.errors.length > 0 ? undefined : this.doc.toJS({ maxAliasCount: 100 });
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  /** The line of the node at `path`, or of its closest existing parent (a missing field is reported where its mapping is). */
  lineOf(path: Path): number | undefined {
    let node: unknown = this.doc.contents;
    let line = this.startLine(node);
    for (const part of path) {
      let next: unknown;
      let keyLine: number | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
        if (!pair) return line;
        keyLine = this.startLine(pair.key);
        next = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        next = node.items[part];
      }
      if (next === undefined || next === null) return keyLine ?? line;
      node = next;
      // A block mapping or list under a key starts on the next line: the key's line reads better.
      line = (keyLine !== undefined && (isMap(node) || isSeq(node)) ? keyLine : this.startLine(node)) ?? line;
    }
    return line;
  }

  private startLine(node: unknown): number | undefined {
    const range = (node as Node | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : undefined;
  }

  fail(path: Path, message: string): undefined {
    const line = this.lineOf(path);
    this.issues.push({ field: pathString(path), message, ...(line !== undefined ? { line } : {}) });
    return undefined;
  }

  /** A mapping, or undefined (with an issue when present but not a mapping, or missing and required). */
  map(value: unknown, path: Path, required = true): Json | undefined {
    if (value === undefined || value === null) return required ? this.fail(path, 'is required') : undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return this.fail(path, `must be a mapping (key: value), got ${describe(value)}`);
    return value as Json;
  }

  /** Flags keys not in `known` (a typo must not pass silently). */
  known(map: Json, path: Path, known: readonly string[]): void {
    for (const key of Object.keys(map)) {
      if (!known.includes(key)) this.fail([...path, key], `unknown field (expected one of: ${known.join(', ')})`);
    }
  }

  list(value: unknown, path: Path, options: { required?: boolean; min?: number; max?: number } = {}): unknown[] | undefined {
    if (value === undefined || value === null) return options.required === false ? undefined : this.fail(path, 'is required');
    if (!Array.isArray(value)) return this.fail(path, `must be a list, got ${describe(value)}`);
    if (options.min !== undefined && value.length < options.min) return this.fail(path, `must have at least ${options.min} entr${options.min === 1 ? 'y' : 'ies'}`);
    if (options.max !== undefined && value.length > options.max) return this.fail(path, `must have at most ${options.max} entries, got ${value.length}`);
    return value;
  }

  string(value: unknown, path: Path, options: { required?: boolean; max?: number; pattern?: RegExp; hint?: string } = {}): string | undefined {
    if (value === undefined || value === null) return options.required === false ? undefined : this.fail(path, 'is required');
    if (typeof value !== 'string' || value.trim() === '') return this.fail(path, `must be a non-empty text, got ${describe(value)}`);
    const s = value.trim();
    if (options.max !== undefined && s.length > options.max) return this.fail(path, `must be at most ${options.max} characters`);
    if (options.pattern && !options.pattern.test(s)) return this.fail(path, options.hint ?? `must match ${options.pattern}`);
    return s;
  }

  /** A finite number within the bounds; `gt`/`lt` are strict. */
  number(
    value: unknown,
    path: Path,
    options: { required?: boolean; min?: number; max?: number; gt?: number; lt?: number; integer?: boolean } = {},
  ): number | undefined {
    if (value === undefined || value === null) return options.required === false ? undefined : this.fail(path, 'is required');
    if (typeof value !== 'number' || Number.isNaN(value)) return this.fail(path, `must be a number, got ${describe(value)}`);
    if (!Number.isFinite(value)) return this.fail(path, 'must be a finite number');
    if (options.integer && !Number.isInteger(value)) return this.fail(path, `must be a whole number, got ${value}`);
    if (options.gt !== undefined && !(value > options.gt)) return this.fail(path, `must be > ${options.gt}`);
    if (options.lt !== undefined && !(value < options.lt)) return this.fail(path, `must be < ${options.lt}`);
    if (options.min !== undefined && value < options.min) return this.fail(path, `must be >= ${options.min}`);
    if (options.max !== undefined && value > options.max) return this.fail(path, `must be <= ${options.max}`);
    return value;
  }

  /** A probability in [0, 1]. */
  probability(value: unknown, path: Path, fallback: number): number {
    if (value === undefined || value === null) return fallback;
    return this.number(value, path, { min: 0, max: 1 }) ?? fallback;
  }

  boolean(value: unknown, path: Path, fallback: boolean): boolean {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') {
      this.fail(path, `must be true or false, got ${describe(value)}`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: Path, allowed: readonly T[], fallback?: T): T | undefined {
    if (value === undefined || value === null) return fallback !== undefined ? fallback : this.fail(path, `is required (one of: ${allowed.join(', ')})`);
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) return this.fail(path, `must be one of: ${allowed.join(', ')}, got ${describe(value)}`);
    return value as T;
  }
}
