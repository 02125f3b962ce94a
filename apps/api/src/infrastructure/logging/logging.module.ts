import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { loggerParams } from './logger-params.js';
import type { LoggerParamsOptions } from './logger-params.js';

/**
 * Structured JSON logs through nestjs-pino at LOG_LEVEL: one line per request plus what
 * handlers log, each with the request's id. Reads APP_CONFIG, so AppConfigModule must be
 * imported too; configureHttpApp then makes it Nest's own logger as well.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggerParamsOptions = {}): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => loggerParams(config, options),
        }),
      ],
    };
  }
}
