import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiError } from '../infrastructure/errors/api-error.js';
import { APP_CONFIG } from '../infrastructure/config/app-config.module.js';
import type { AppConfig } from '../infrastructure/config/app-config.js';
import { isPublic } from './access-policy.js';
import { FixedWindowRateLimiter } from './rate-limiter.js';
import { routeKeyOf, type RoutedRequest } from './route-key.js';

interface LimitedRequest extends RoutedRequest {
  readonly ip?: string;
  readonly socket?: { readonly remoteAddress?: string };
}

/**
 * 429 past RATE_LIMIT_PER_MINUTE requests per client address. It runs before the access
 * guard, so guessing tokens is throttled like everything else; health probes are exempt.
 * (@nestjs/throttler was the first choice; its CommonJS build cannot load the ESM-only
 * NestJS 12 packages under Jest's ESM mode on Node 20, so this small guard stands in.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter: FixedWindowRateLimiter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new FixedWindowRateLimiter(config.rateLimitPerMinute);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<LimitedRequest>();
    if (isPublic(routeKeyOf(request))) return true;
    const address = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const { allowed, retryAfterSeconds } = this.limiter.take(address, Date.now());
    if (allowed) return true;
    context.switchToHttp().getResponse<{ setHeader(name: string, value: string): unknown }>().setHeader('Retry-After', String(retryAfterSeconds));
    throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_REQUESTS', 'Too many requests from this address; retry after the Retry-After seconds');
  }
}
