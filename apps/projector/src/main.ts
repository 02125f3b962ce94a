import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG } from '../../api/src/infrastructure/config/app-config.module.js';
import type { AppConfig } from '../../api/src/infrastructure/config/app-config.js';
import { useStructuredLogger } from '../../api/src/infrastructure/http-app.js';
import { ProjectorModule } from './projector.module.js';

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(ProjectorModule.forRoot(), { bufferLogs: true });
  useStructuredLogger(app);
  app.disable('x-powered-by');
  // SIGTERM: the open batch commits with its checkpoint, the lease goes to a standby,
  // then the stores close (ProjectionsModule, StoreModule).
  app.enableShutdownHooks();
  await app.listen(app.get<AppConfig>(APP_CONFIG).port);
}

main().catch((error: unknown) => {
  console.error(`danvan projector failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
