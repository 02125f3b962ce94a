import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG } from '../infrastructure/config/app-config.module.js';
import type { AppConfig } from '../infrastructure/config/app-config.js';
import { AccessGuard } from './access.guard.js';
import { resolveAuthKeys, type AuthKeys } from './auth-keys.js';
import { TokenVerifier } from './token-verifier.js';

export const AUTH_KEYS = Symbol('AUTH_KEYS');

/**
 * Authentication and authorisation for every route of the app: the keys (configured, or
 * generated into DATA_DIR in the embedded default), the token verifier and the global
 * AccessGuard. Needs APP_CONFIG.
 */
@Global()
@Module({
  providers: [
    { provide: AUTH_KEYS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolveAuthKeys(config) },
    { provide: TokenVerifier, inject: [AUTH_KEYS], useFactory: (keys: AuthKeys) => new TokenVerifier(keys) },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AUTH_KEYS, TokenVerifier],
})
export class AuthModule {}
