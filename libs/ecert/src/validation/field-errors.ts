import { formatFieldPath, type PathSegment } from '../document/field-paths';

/** One problem in a certificate, at a display path such as `data.goods[0].hsCode`. */
export interface FieldError {
  readonly path: string;
  /** Stable machine code, e.g. "REQUIRED", "HS_CODE.INVALID". */
  readonly code: string;
  readonly message: string;
}

/** "data.goods[0].hsCode: must have 6 to 10 digits" - one line per error. */
export function formatFieldErrors(errors: readonly FieldError[]): string[] {
  return errors.map((error) => `${error.path}: ${error.message}`);
}

/** Thrown by issue() when a certificate fails validation; the HTTP layer maps it to 400. */
export class CertificateValidationError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(`certificate is invalid: ${formatFieldErrors(errors).slice(0, 5).join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}`);
    this.name = 'CertificateValidationError';
  }
}

/** Collects errors while walking a value; paths are built from segments. */
export class ErrorCollector {
  readonly errors: FieldError[] = [];

  constructor(private readonly root = 'data') {}

  add(path: readonly PathSegment[], code: string, message: string): void {
    this.errors.push({ path: formatFieldPath(path, this.root), code, message });
  }
}
