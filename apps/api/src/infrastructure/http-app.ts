import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { APP_CONFIG } from './config/app-config.module.js';
import type { AppConfig } from './config/app-config.js';
import { HttpExceptionFilter } from './errors/http-exception.filter.js';
import { setupOpenApi } from './openapi/openapi.js';
import { requestIdMiddleware } from './request-context/request-id.middleware.js';
import { createValidationPipe } from './validation/validation.pipe.js';

export const JSON_BODY_LIMIT = '1mb';

/**
 * Helmet's defaults (HSTS, nosniff, frame-ancestors none, no referrer...) with a content
 * security policy the Swagger UI at /docs still works under (its stylesheet sets inline styles).
 */
const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
    },
  },
} as const;

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
  app.use(helmet(HELMET_OPTIONS));
  // Browsers may call the API only from the origins configured; none by default.
  const corsOrigins = configOf(app)?.corsOrigins ?? [];
  if (corsOrigins.length > 0) {
    app.enableCors({
      origin: [...corsOrigins],
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    });
  }
  // Registered now, Nest's own JSON parser (100 kB) is skipped at init.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  setupOpenApi(app);
  // SIGTERM then runs onModuleDestroy/onApplicationShutdown, so stores close cleanly.
  app.enableShutdownHooks();
  return app;
}

/** The app's configuration, when the app has one (small test apps may not). */
function configOf(app: NestExpressApplication): AppConfig | undefined {
  try {
    return app.get<AppConfig>(APP_CONFIG, { strict: false });
  } catch {
    return undefined;
  }
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
