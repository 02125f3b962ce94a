import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { loadAppConfig } from './app-config.js';
import type { AppConfig } from './app-config.js';

const NAMESPACE = 'app';

function appConfigFactory(env: Record<string, string | undefined>) {
  return registerAs(NAMESPACE, (): AppConfig => loadAppConfig(env));
}

/**
 * Inject with `@Inject(APP_CONFIG) config: AppConfig`. It is @nestjs/config's namespace
 * token, so `ConfigService.get<AppConfig>('app')` reaches the same object.
 */
export const APP_CONFIG = appConfigFactory({}).KEY;

/**
 * Global so every module can inject APP_CONFIG without importing this one. The factory
 * throws on an invalid environment, which makes NestFactory.create fail before listening.
 */
@Global()
@Module({})
export class AppConfigModule {
  /** `env` defaults to process.env; tests pass their own instead of mutating it. */
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    const factory = appConfigFactory(env);
    return {
      module: AppConfigModule,
      imports: [
        // The environment is the only source (API.md); a stray .env file must not win.
        ConfigModule.forRoot({ ignoreEnvFile: true, load: [factory] }),
      ],
      exports: [ConfigModule],
    };
  }
}
