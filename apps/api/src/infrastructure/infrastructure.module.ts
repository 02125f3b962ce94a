import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { AppConfigModule } from './config/app-config.module.js';
import { HealthModule } from './health/health.module.js';
import type { HealthModuleOptions, ReadinessChecksProvider } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';
import type { LoggerParamsOptions } from './logging/logger-params.js';
import { MetricsModule } from './metrics/metrics.module.js';

export interface InfrastructureOptions {
  /** The stores' readiness checks; none means ready as soon as the app is up. */
  readonly readinessChecks?: ReadinessChecksProvider;
  readonly health?: HealthModuleOptions;
  /** Defaults to process.env. */
  readonly env?: Record<string, string | undefined>;
  readonly logging?: LoggerParamsOptions;
}

/**
 * Everything an HTTP app of this project needs besides its own controllers: APP_CONFIG,
 * structured logging, /metrics and /health. Pair with configureHttpApp(app) in main.ts.
 */
@Module({})
export class InfrastructureModule {
  static forRoot(options: InfrastructureOptions = {}): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [
        AppConfigModule.forRoot(options.env),
        LoggingModule.forRoot(options.logging),
        MetricsModule,
        HealthModule.forRoot(options.readinessChecks, options.health),
      ],
    };
  }
}
