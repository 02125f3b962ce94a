import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { HttpExceptionFilter } from './errors/http-exception.filter.js';
import { setupOpenApi } from './openapi/openapi.js';
import { requestIdMiddleware } from './request-context/request-id.middleware.js';
import { createValidationPipe } from './validation/validation.pipe.js';

export const JSON_BODY_LIMIT = '1mb';

/**
 * Applies the HTTP conventions of API.md to an app created with
 * `NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true })`.
 * Call it before `listen()`: the order of the Express middleware below is set here.
 */
export function configureHttpApp(app: NestExpressApplication): NestExpressApplication {
  useStructuredLogger(app);

  // Advertising the framework helps nobody but a scanner.
  app.disable('x-powered-by');

  // First, so the answers to malformed or oversized bodies carry an id too.
  app.use(requestIdMiddleware);
  // Registered now, Nest's own JSON parser (100 kB) is skipped at init.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  setupOpenApi(app);
  // SIGTERM then runs onModuleDestroy/onApplicationShutdown, so stores close cleanly.
  app.enableShutdownHooks();
  return app;
}

/** Nest's own messages go through pino too when LoggingModule is part of the app. */
export function useStructuredLogger(app: NestExpressApplication): void {
  let logger: PinoNestLogger | undefined;
  try {
    logger = app.get(PinoNestLogger, { strict: false });
  } catch {
    logger = undefined;
  }
  if (logger) app.useLogger(logger);
  else app.flushLogs();
}
