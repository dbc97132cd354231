import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { toErrorResponse } from './exception.filter';
import { CorridorExceptionFilter } from './exception.filter';
import { corridorValidationPipe } from './validation.pipe';

export const BODY_LIMIT = '1mb';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Corridor API')
    .setDescription('Declarations, risk, e-certificates, trusted-trader lanes and KPI gates for agile border modernisation.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * Everything an HTTP host needs besides its modules, shared by apps and e2e tests so both see
 * the same behaviour: JSON bodies up to 1 MB, one error shape, validation, OpenAPI at /api/docs.
 * Create the app with `{ bodyParser: false, bufferLogs: true }`.
 */
export function configureApp(app: NestExpressApplication): OpenAPIObject {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  // Body-parser errors happen before Nest's routing; answer them in the same shape.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    const { status, body } = toErrorResponse(error);
    res.status(status).json(body);
  });
  app.useGlobalFilters(new CorridorExceptionFilter());
  app.useGlobalPipes(corridorValidationPipe());
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  // API responses are not cached by validators; hashing every body for an ETag costs CPU for nothing.
  app.set('etag', false);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', yamlDocumentUrl: 'api/docs-yaml' });
  return document;
}
