import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createParamDecorator, HttpStatus } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { routeKeyOf, type RoutedRequest } from '../../auth/route-key.js';
import { ApiError, assignRequestId } from '../../infrastructure/index.js';
import type { RequestWithId } from '../../infrastructure/index.js';
import type { CommandMeta } from './command-meta.js';
import { parseIdempotencyKey, requestHash } from './idempotency-key.js';

interface CommandRequest extends RequestWithId {
  readonly route?: RoutedRequest['route'];
  readonly originalUrl?: string;
  readonly body?: unknown;
  readonly ip?: string;
  /** Set by the access guard from the verified token. */
  readonly user?: Principal;
}

/**
 * Builds a command's CommandMeta from its HTTP request. Without an authenticated caller
 * it refuses (401): a command is never recorded without someone to answer for it, even
 * in an app assembled without the access guard.
 */
export function commandMetaOf(request: CommandRequest, response: ServerResponse): CommandMeta {
  const user = request.user;
  if (user === undefined) throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'A bearer token is required');
  const correlationId = assignRequestId(request, response);
  const key = parseIdempotencyKey(request.headers['idempotency-key']);
  const meta: CommandMeta = {
    commandId: randomUUID(),
    correlationId,
    actor: user.sub,
    role: user.role,
    scope: user.scope,
    origin: { route: routeKeyOf(request), clientAddress: request.ip ?? request.socket?.remoteAddress ?? 'unknown' },
  };
  if (key === undefined) return meta;
  const path = request.originalUrl ?? request.url ?? '';
  return { ...meta, idempotency: { key, requestHash: requestHash(request.method ?? 'POST', path, request.body) } };
}

/**
 * `execute(@Body() body: Dto, @CommandMetaParam() meta: CommandMeta)`: the actor and their
 * scope, the request id (correlation), a fresh command id (causation) and the
 * Idempotency-Key (validated: a malformed key answers 400).
 */
export const CommandMetaParam = createParamDecorator((_data: unknown, context: ExecutionContext): CommandMeta => {
  const http = context.switchToHttp();
  return commandMetaOf(http.getRequest<CommandRequest>(), http.getResponse<ServerResponse>());
});
