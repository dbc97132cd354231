/**
 * Domain errors carry a stable `code` (for clients and logs), the `field` that was wrong
 * (a path such as `items[0].hsCode`) and a human reason. The HTTP layer maps each kind to a
 * status once, in one exception filter; nothing else decides status codes.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'unprocessable' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The same error reported at a deeper path, e.g. `hsCode` -> `items[3].hsCode`. */
  at(prefix: string): DomainError {
    const field = this.field ? (this.field.startsWith('[') ? `${prefix}${this.field}` : `${prefix}.${this.field}`) : prefix;
    return new DomainError(this.code, this.message, this.kind, field);
  }
}

/** A value that breaks a rule of its type: HTTP 400. */
export class InvalidValueError extends DomainError {
  constructor(code: string, field: string, reason: string) {
    super(code, reason, 'invalid', field);
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 'not-found');
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super(code, message, 'conflict', field);
  }
}

/** Well-formed but semantically unacceptable (e.g. an idempotency key reused with another body): HTTP 422. */
export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super(code, message, 'unprocessable', field);
  }
}

/** Several fields failed at once: HTTP 400 naming the first, listing all. */
export class InvalidFieldsError extends DomainError {
  constructor(code: string, readonly errors: Array<{ field: string; message: string }>) {
    super(code, errors[0]?.message ?? 'the input is invalid', 'invalid', errors[0]?.field);
  }
}
