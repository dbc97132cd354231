import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { CorridorConfig } from '../config/config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function redactTokenParameter(url: string | undefined): string | undefined {
  return url?.replace(/([?&](?:access_)?token=)[^&#]*/gi, '$1***');
}

/**
 * Structured JSON logs (pino). Each request gets an id (the caller's X-Request-Id when it is
 * sane, else a UUID), echoed in the response and attached to every log line of that request.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [CorridorConfig],
      useFactory: (config: CorridorConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          quietReqLogger: true,
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
            res.setHeader('x-request-id', id);
            return id;
          },
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token', 'req.query.access_token'],
          // EventSource cannot send headers, so live streams take ?token=: keep it out of the logs.
          serializers: { req: (req: { url?: string }) => ({ ...req, url: redactTokenParameter(req.url) }) },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
