import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { APP_CONFIG } from './infrastructure/config/app-config.module.js';
import type { AppConfig } from './infrastructure/config/app-config.js';
import { configureHttpApp } from './infrastructure/http-app.js';

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), { bufferLogs: true });
  configureHttpApp(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port);
}

main().catch((error: unknown) => {
  console.error(`danvan failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
