import { HttpException, HttpStatus } from '@nestjs/common';
import { toErrorResponse } from '@corridor/platform';
import { text } from 'express';
import type { Request, Response } from 'express';

/** Content types a JSON-lines import is accepted in. */
export const TELEMETRY_CONTENT_TYPES = ['application/x-ndjson', 'application/jsonl', 'text/plain'] as const;
/** The largest import (a week of a busy crossing is a few MB). */
export const TELEMETRY_BODY_LIMIT = '20mb';

const parseText = text({ type: () => true, limit: TELEMETRY_BODY_LIMIT, defaultCharset: 'utf-8' });

/**
 * Reads a JSON-lines body as text, for this route only (the app's parsers take JSON up to 1 MB).
 * Runs after the auth guard, so an anonymous caller cannot make the server read 20 MB.
 * A wrong content type is a 415; a body over the limit a 413.
 */
export async function readTelemetryBody(request: Request, response: Response): Promise<string> {
  const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!(TELEMETRY_CONTENT_TYPES as readonly string[]).includes(type)) {
    throw new HttpException(
      { code: 'TWIN.UNSUPPORTED_MEDIA_TYPE', message: `send telemetry as JSON lines with Content-Type ${TELEMETRY_CONTENT_TYPES.join(', ')}; got "${type.slice(0, 60) || 'none'}"`, field: 'content-type' },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
  await new Promise<void>((resolve, reject) => {
    parseText(request, response, (error?: unknown) => (error ? reject(bodyError(error)) : resolve()));
  });
  return typeof request.body === 'string' ? request.body : '';
}

function bodyError(error: unknown): HttpException {
  if ((error as { type?: unknown }).type === 'entity.too.large') {
    return new HttpException({ code: 'PAYLOAD_TOO_LARGE', message: `the telemetry body is larger than the ${TELEMETRY_BODY_LIMIT.replace('mb', ' MB')} limit; split the file by time` }, HttpStatus.PAYLOAD_TOO_LARGE);
  }
  const { status, body } = toErrorResponse(error);
  return new HttpException(body, status >= 500 ? HttpStatus.BAD_REQUEST : status);
}
