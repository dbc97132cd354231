import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorBody } from './error-body';

/** Flattens class-validator's tree into `items[0].hsCode`-style paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  const flat: Array<{ field: string; message: string }> = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) flat.push({ field, message: message.replace(/^\S+ /, `${field} `) });
    if (error.children?.length) flat.push(...flattenValidationErrors(error.children, field));
  }
  return flat;
}

/** DTO validation: unknown fields rejected, types not coerced silently, one 400 naming each field. */
export function corridorValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const flat = flattenValidationErrors(errors);
      const first = flat[0] ?? { field: '', message: 'the request is invalid' };
      const body: ErrorBody = { code: 'VALIDATION.FAILED', message: first.message, field: first.field, errors: flat };
      return new BadRequestException(body);
    },
  });
}
