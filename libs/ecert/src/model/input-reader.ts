import { DomainError, InvalidFieldsError } from '@corridor/domain';

export type Json = Record<string, unknown>;

/**
 * Walks an untrusted request body collecting every field error with its path
 * (`data.goods[0].hsCode`), so one 400 names everything that is wrong. `done(code)` throws
 * InvalidFieldsError when anything failed.
 */
export class InputReader {
  readonly errors: Array<{ field: string; message: string }> = [];

  fail(field: string, message: string): undefined {
    this.errors.push({ field, message: `${field}: ${message}` });
    return undefined;
  }

  object(input: unknown, field: string, required = true): Json | undefined {
    if (input === undefined || input === null) return required ? this.fail(field, 'is required') : undefined;
    if (typeof input !== 'object' || Array.isArray(input)) return this.fail(field, `must be an object, got ${kind(input)}`);
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
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value)) return this.fail(field, 'must not contain control characters');
    if (options.pattern && !options.pattern.test(value)) return this.fail(field, options.patternHint ?? 'has an invalid format');
    return value;
  }

  oneOf<T extends string>(input: unknown, field: string, allowed: readonly T[], required = true): T | undefined {
    if (input === undefined || input === null) return required ? this.fail(field, `is required (one of ${allowed.join(', ')})`) : undefined;
    if (typeof input !== 'string' || !(allowed as readonly string[]).includes(input)) return this.fail(field, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(input)?.slice(0, 40)}`);
    return input as T;
  }

  /** An ISO 8601 instant with a time zone; returned normalised to UTC milliseconds. */
  instant(input: unknown, field: string, required = true): string | undefined {
    const text = this.string(input, field, { max: 40, required });
    if (text === undefined) return undefined;
    const time = Date.parse(text);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text) || Number.isNaN(time)) {
      return this.fail(field, `must be an ISO 8601 date-time with a time zone such as 2026-11-25T08:30:00Z, got "${text.slice(0, 40)}"`);
    }
    return new Date(time).toISOString();
  }

  /** Runs a value-object parser, recording its DomainError at `field`. */
  value<T>(field: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (error instanceof DomainError) return this.fail(error.field ?? field, error.message);
      throw error;
    }
  }

  /** Flags members the schema does not know, so a typo is not silently dropped. */
  known(input: Json, field: string, allowed: readonly string[]): void {
    for (const key of Object.keys(input)) {
      if (!allowed.includes(key)) this.fail(field ? `${field}.${key}` : key, `is not a known field (known: ${allowed.join(', ')})`);
    }
  }

  done(code: string): void {
    if (this.errors.length > 0) throw new InvalidFieldsError(code, this.errors);
  }
}

export function kind(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return typeof input;
}
