import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiError } from '../infrastructure/errors/api-error.js';
import { isPublic, mayCall } from './access-policy.js';
import type { Principal } from './principal.js';
import { routeKeyOf, type RoutedRequest } from './route-key.js';
import { TokenVerifier, UnauthenticatedError } from './token-verifier.js';

interface GuardedRequest extends RoutedRequest {
  readonly headers: Record<string, string | string[] | undefined>;
  user?: Principal;
}

interface GuardedResponse {
  setHeader(name: string, value: string): unknown;
}

/** A JWT is three base64url parts; anything longer than this is not a token we issue. */
const MAX_TOKEN_LENGTH = 8192;
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/**
 * The one gate of every route: public routes pass, every other needs a valid bearer token
 * (401) whose role the access policy lists for the route (403). The principal it sets on
 * the request is what commands record as their actor and scope.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly verifier: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const routeKey = routeKeyOf(request);
    if (isPublic(routeKey)) return true;
    const principal = await this.authenticate(request, context.switchToHttp().getResponse<GuardedResponse>());
    request.user = principal;
    if (!mayCall(routeKey, principal.role)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', `The role ${principal.role} may not call ${routeKey}`);
    }
    return true;
  }

  private async authenticate(request: GuardedRequest, response: GuardedResponse): Promise<Principal> {
    try {
      return await this.verifier.verify(bearerTokenOf(request));
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', `Authentication failed: ${error.message}`);
    }
  }
}

function bearerTokenOf(request: GuardedRequest): string {
  const header = request.headers['authorization'];
  if (typeof header !== 'string' || header.length === 0) throw new UnauthenticatedError('no bearer token was sent');
  const match = header.length <= MAX_TOKEN_LENGTH ? BEARER.exec(header) : null;
  if (match === null) throw new UnauthenticatedError('the Authorization header is not "Bearer <JWT>"');
  return match[1]!;
}
