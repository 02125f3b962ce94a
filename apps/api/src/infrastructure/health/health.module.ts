import { Module } from '@nestjs/common';
import type { DynamicModule, InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { READINESS_CHECKS, READINESS_TIMEOUT_MS } from './readiness-check.js';
import type { ReadinessCheck } from './readiness-check.js';

/**
 * Where the readiness checks come from. Nest has no multi-providers, so the owner of the
 * stores hands them over in one factory:
 *
 *   HealthModule.forRoot({
 *     imports: [EventStoreModule],
 *     inject: [EVENT_STORE],
 *     useFactory: (store: EventStore) => [{ name: 'event-store', check: () => store.ping() }],
 *   })
 */
export type ReadinessChecksProvider =
  | { readonly useValue: readonly ReadinessCheck[] }
  | {
      readonly imports?: ModuleMetadata['imports'];
      readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
      readonly useFactory: (...dependencies: any[]) => readonly ReadinessCheck[] | Promise<readonly ReadinessCheck[]>;
    };

export interface HealthModuleOptions {
  /** A store slower than this counts as down, so a hung connection cannot hang the probe. */
  readonly timeoutMs?: number;
}

@Module({})
export class HealthModule {
  static forRoot(checks: ReadinessChecksProvider = { useValue: [] }, options: HealthModuleOptions = {}): DynamicModule {
    const checksProvider =
      'useValue' in checks
        ? { provide: READINESS_CHECKS, useValue: checks.useValue }
        : { provide: READINESS_CHECKS, useFactory: checks.useFactory, inject: checks.inject ?? [] };
    return {
      module: HealthModule,
      // Terminus's own logger writes to the console past the app's structured logger; the
      // controller logs failures itself.
      imports: [TerminusModule.forRoot({ logger: false }), ...('imports' in checks ? (checks.imports ?? []) : [])],
      controllers: [HealthController],
      providers: [checksProvider, { provide: READINESS_TIMEOUT_MS, useValue: options.timeoutMs ?? 3000 }],
    };
  }
}
