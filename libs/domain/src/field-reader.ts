import { DomainError, InvalidFieldsError } from './errors';

export type Json = Record<string, unknown>;

/**
 * Walks untrusted JSON collecting every field error with its path (`plates[1].number`), so one
 * 400 names all that is wrong rather than the first thing only.
 * Every context validates request bodies with it, so field paths and messages read the same
 * everywhere.
 */
export class FieldReader {
  readonly errors: Array<{ field: string; message: string }> = [];

  fail(field: string, message: string): undefined {
    this.errors.push({ field, message: `${field}: ${message}` });
    return undefined;
  }

  /** Throws one 400 listing every error collected so far, if any. */
  throwIfInvalid(code: string): void {
    if (this.errors.length > 0) throw new InvalidFieldsError(code, this.errors);
  }

  object(input: unknown, field: string, required = true): Json | undefined {
    if (input === undefined || input === null) return required ? this.fail(field, 'is required') : undefined;
    if (typeof input !== 'object' || Array.isArray(input)) return this.fail(field, `must be an object, got ${kind(input)}`);
    return input as Json;
  }

  array(input: unknown, field: string, options: { min?: number; max: number; required?: boolean }): unknown[] | undefined {
    if (input === undefined || input === null) return options.required === false ? [] : this.fail(field, 'is required');
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
    if (options.pattern && !options.pattern.test(value)) return this.fail(field, options.patternHint ?? 'has an invalid format');
    return value;
  }

  oneOf<T extends string>(input: unknown, field: string, allowed: readonly T[], required = true): T | undefined {
    if (input === undefined || input === null) return required ? this.fail(field, `is required (one of ${allowed.join(', ')})`) : undefined;
    if (typeof input !== 'string' || !(allowed as readonly string[]).includes(input)) return this.fail(field, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(input)?.slice(0, 40)}`);
    return input as T;
  }

  number(input: unknown, field: string, options: { min?: number; max: number; integer?: boolean; required?: boolean }): number | undefined {
    if (input === undefined || input === null) return options.required === false ? undefined : this.fail(field, 'is required');
    if (typeof input !== 'number' || !Number.isFinite(input)) return this.fail(field, `must be a finite number, got ${kind(input)}`);
    if (options.integer && !Number.isInteger(input)) return this.fail(field, 'must be a whole number');
    if (input < (options.min ?? 0)) return this.fail(field, `must be at least ${options.min ?? 0}`);
    if (input > options.max) return this.fail(field, `must be at most ${options.max}`);
    return input;
  }

  boolean(input: unknown, field: string, required = true): boolean | undefined {
    if (input === undefined || input === null) return required ? this.fail(field, 'is required (true or false)') : undefined;
    if (typeof input !== 'boolean') return this.fail(field, `must be true or false, got ${kind(input)}`);
    return input;
  }

  /** An ISO 8601 date or date-time (a missing zone means UTC), normalised to UTC. */
  dateTime(input: unknown, field: string, required = true): string | undefined {
    const text = this.string(input, field, { max: 40, required });
    if (text === undefined) return undefined;
    const time = Date.parse(text);
    if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) || Number.isNaN(time)) {
      return this.fail(field, `must be an ISO 8601 date-time such as 2026-11-25T08:30:00Z, got "${text.slice(0, 40)}"`);
    }
    return new Date(time).toISOString();
  }

  /**
   * A device timestamp: ISO 8601 with a time and a zone (Z or an offset). A local time without
   * a zone is refused because lanes straddle a border and often a time zone too.
   */
  instant(input: unknown, field: string): string | undefined {
    const text = this.string(input, field, { max: 40 });
    if (text === undefined) return undefined;
    const time = Date.parse(text);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text) || Number.isNaN(time)) {
      return this.fail(field, `must be an ISO 8601 date-time with a zone such as 2026-11-25T08:30:00.250Z, got "${text.slice(0, 40)}"`);
    }
    return new Date(time).toISOString();
  }

  /** Runs a value-object parser, recording its DomainError at `field`. */
  value<T>(field: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (error instanceof DomainError) {
        this.errors.push({ field: error.field ?? field, message: `${error.field ?? field}: ${error.message}` });
        return undefined;
      }
      throw error;
    }
  }

  /** Flags fields the schema does not know, so a typo is not silently dropped. */
  known(input: Json, field: string, allowed: readonly string[]): void {
    for (const key of Object.keys(input)) {
      if (!allowed.includes(key)) this.fail(field ? `${field}.${key}` : key.slice(0, 64), `is not a known field (known: ${allowed.join(', ')})`);
    }
  }
}

function kind(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return typeof input;
}
