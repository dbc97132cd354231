import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind, InvalidFieldsError } from '@corridor/domain';
import type { Response } from 'express';
import { ErrorBody } from './error-body';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 422: 'UNPROCESSABLE', 429: 'TOO_MANY_REQUESTS',
};

/** Body-parser errors carry a `type`; these are the client's fault, never a 500. */
const BODY_PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'MALFORMED_JSON', 'the request body is not valid JSON'],
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', 'the request body is larger than the 1 MB limit'],
  'encoding.unsupported': [415, 'UNSUPPORTED_ENCODING', 'the request body encoding is not supported'],
  'charset.unsupported': [415, 'UNSUPPORTED_CHARSET', 'the request body charset is not supported'],
  'request.aborted': [400, 'REQUEST_ABORTED', 'the request was aborted'],
  'request.size.invalid': [400, 'BAD_REQUEST', 'the request body size does not match Content-Length'],
};

/** Maps every error to {code, message, field?} once; a stack trace never leaves the process. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof DomainError) {
    const body = withField({ code: error.code, message: error.message }, error.field);
    if (error instanceof InvalidFieldsError) body.errors = error.errors;
    return { status: STATUS_BY_KIND[error.kind], body };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'object' && response !== null && 'code' in response && 'message' in response) {
      return { status, body: response as ErrorBody };
    }
    const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
    return { status, body: { code: CODE_BY_STATUS[status] ?? `HTTP_${status}`, message } };
  }
  const type = (error as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && type in BODY_PARSER_ERRORS) {
    const [status, code, message] = BODY_PARSER_ERRORS[type];
    return { status, body: { code, message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'an internal error occurred; it has been logged' } };
}

function withField(body: ErrorBody, field: string | undefined): ErrorBody {
  return field ? { ...body, field } : body;
}

@Catch()
export class CorridorExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = toErrorResponse(error);
    if (status >= 500) this.logger.error({ err: error }, 'unhandled error');
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}
