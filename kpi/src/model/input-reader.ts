import { InvalidFieldsError } from '@corridor/domain';

export type Json = Record<string, unknown>;

/**
 * Walks untrusted JSON collecting every field error with its path (`[2].ci95`, `kpis.pilTime.unit`),
 * so one 400 names all that is wrong. Same shape as the declarations context's reader; kept here
 * because a context may not import another's internals (it belongs in a shared library).
 */
export class InputReader {
  readonly errors: Array<{ field: string; message: string }> = [];

  fail(field: string, message: string): undefined {
    this.errors.push({ field, message: `${field}: ${message}` });
    return undefined;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Throws one 400 listing every error collected so far, if any. */
  throwIfInvalid(code = 'KPI.INVALID_INPUT'): void {
    if (this.errors.length > 0) throw new InvalidFieldsError(code, this.errors);
  }

  object(input: unknown, field: string, required = true): Json | undefined {
    if (input === undefined || input === null) return required ? this.fail(field || 'body', 'is required') : undefined;
    if (typeof input !== 'object' || Array.isArray(input)) return this.fail(field || 'body', `must be an object, got ${kind(input)}`);
    return input as Json;
  }

  array(input: unknown, field: string, options: { min?: number; max: number; required?: boolean }): unknown[] | undefined {
    if (input === undefined || input === null) return options.required === false ? undefined : this.fail(field, 'is required');
    if (!Array.isArray(input)) return this.fail(field, `must be an array, got ${kind(input)}`);
    if (input.length < (options.min ?? 0)) return this.fail(field, `must have at least ${options.min} element(s)`);
    if (input.length > options.max) return this.fail(field, `must have at most ${options.max} elements, got ${input.length}`);
    return input;
  }

  string(input: unknown, field: string, options: { max?: number; required?: boolean; pattern?: RegExp; patternHint?: string } = {}): string | undefined {
    if (input === undefined || input === null || input === '') return options.required === false ? undefined : this.fail(field, 'is required');
    if (typeof input !== 'string') return this.fail(field, `must be a string, got ${kind(input)}`);
    const value = input.trim();
    if (value.length === 0) return options.required === false ? undefined : this.fail(field, 'must not be blank');
    if (value.length > (options.max ?? 256)) return this.fail(field, `must be at most ${options.max ?? 256} characters`);
    // Control characters have no place in names and labels and break CSV and log lines.
    if (hasControlCharacter(value)) return this.fail(field, 'must not contain control characters');
    if (options.pattern && !options.pattern.test(value)) return this.fail(field, options.patternHint ?? 'has an invalid format');
    return value;
  }

  oneOf<T extends string>(input: unknown, field: string, allowed: readonly T[], required = true): T | undefined {
    if (input === undefined || input === null) return required ? this.fail(field, `is required (one of ${allowed.join(', ')})`) : undefined;
    if (typeof input !== 'string' || !(allowed as readonly string[]).includes(input)) {
      return this.fail(field, `must be one of ${allowed.join(', ')}, got ${describe(input)}`);
    }
    return input as T;
  }

  /**
   * A finite JSON number. Strings are refused even when numeric ("NaN", "12"), and 1e999, which
   * JSON.parse turns into Infinity, is refused too: a KPI value must be a real measurement.
   */
  number(input: unknown, field: string, options: { min?: number; max?: number; integer?: boolean; required?: boolean } = {}): number | undefined {
    if (input === undefined || input === null) return options.required === false ? undefined : this.fail(field, 'is required');
    if (typeof input !== 'number') return this.fail(field, `must be a finite number, got ${kind(input)}${typeof input === 'string' ? ` ${describe(input)}` : ''}`);
    if (!Number.isFinite(input)) return this.fail(field, `must be a finite number, got ${input}`);
    if (options.integer && !Number.isInteger(input)) return this.fail(field, 'must be a whole number');
    if (options.min !== undefined && input < options.min) return this.fail(field, `must be at least ${options.min}`);
    if (options.max !== undefined && input > options.max) return this.fail(field, `must be at most ${options.max}`);
    return input;
  }

  boolean(input: unknown, field: string): boolean | undefined {
    if (input === undefined || input === null) return undefined;
    if (typeof input !== 'boolean') return this.fail(field, `must be true or false, got ${kind(input)}`);
    return input;
  }

  dateTime(input: unknown, field: string, required = true): string | undefined {
    const text = this.string(input, field, { max: 40, required });
    if (text === undefined) return undefined;
    const time = Date.parse(text);
    if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) || Number.isNaN(time)) {
      return this.fail(field, `must be an ISO 8601 date-time such as 2026-11-25T08:30:00Z, got ${describe(text)}`);
    }
    return new Date(time).toISOString();
  }

  /** Flags fields the schema does not know, so a typo is not silently dropped. */
  known(input: Json, prefix: string, allowed: readonly string[]): void {
    for (const key of Object.keys(input)) {
      if (!allowed.includes(key)) this.fail(`${prefix}${key}`, `is not a known field (known: ${allowed.join(', ')})`);
    }
  }
}

/** Control characters other than tab and line breaks (written as code points: a regex literal would hide them). */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/**
 * For use after `throwIfInvalid()`: a field read without an error has its value. Saying so with
 * a check rather than `!` keeps a reader bug from turning into a silent undefined.
 */
export function present<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('a field read without errors has no value');
  return value;
}

function kind(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return typeof input;
}

function describe(input: unknown): string {
  return (JSON.stringify(input) ?? String(input)).slice(0, 40);
}
