import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { InvalidValueError } from '@corridor/domain';
import type { Request } from 'express';

/**
 * For POST actions that take no input: a body sent anyway is refused with a 400 rather than
 * silently ignored (the caller may believe it changed something). `{}` is accepted.
 */
export const NoBody = createParamDecorator((_data: unknown, context: ExecutionContext): undefined => {
  const request = context.switchToHttp().getRequest<Request>();
  const length = Number(request.headers['content-length'] ?? 0);
  const body: unknown = request.body;
  const empty = body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
  const parsedEmptyObject = empty && typeof body === 'object' && /json/i.test(String(request.headers['content-type'] ?? ''));
  if ((length > 0 || request.headers['transfer-encoding']) && !(parsedEmptyObject || (empty && length === 0))) {
    throw new InvalidValueError('REQUEST.UNEXPECTED_BODY', 'body', 'this action takes no body (send none, or {})');
  }
  return undefined;
});
