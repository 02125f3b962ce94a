import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

/**
 * Serves the contract as OpenAPI: UI at /docs, JSON at /docs-json (API.md). The document
 * is built on first request rather than at startup, so every controller is registered
 * by the time it is read.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('danvan API')
    .setDescription('Event-sourced records of the "Dân vận khéo" emulation movement: models, awards, workdays and period statistics.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    // Every route but /health and /docs needs a token (API.md); the role each needs is in auth/access-policy.ts.
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs-yaml',
  });
}
