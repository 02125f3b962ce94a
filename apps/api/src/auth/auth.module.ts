import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG } from '../infrastructure/config/app-config.module.js';
import type { AppConfig } from '../infrastructure/config/app-config.js';
import { AccessGuard } from './access.guard.js';
import { resolveAuthKeys, type AuthKeys } from './auth-keys.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { TokenVerifier } from './token-verifier.js';

export const AUTH_KEYS = Symbol('AUTH_KEYS');

/**
 * The gate of every request of the app, in this order: the rate limit per client address
 * (429, checked first so that guessing tokens is throttled too; health probes are
 * exempt), then authentication and the access policy (AccessGuard: 401/403). Keys are
 * configured, or generated into DATA_DIR in the embedded default. Needs APP_CONFIG.
 * The rate limit counts in memory: per process, not across scaled-out instances.
 */
@Global()
@Module({
  providers: [
    { provide: AUTH_KEYS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolveAuthKeys(config) },
    { provide: TokenVerifier, inject: [AUTH_KEYS], useFactory: (keys: AuthKeys) => new TokenVerifier(keys) },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AUTH_KEYS, TokenVerifier],
})
export class AuthModule {}
