import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { assignRequestId } from '../../infrastructure/index.js';
import type { RequestWithId } from '../../infrastructure/index.js';
import { ANONYMOUS_ACTOR, type CommandMeta } from './command-meta.js';
import { parseIdempotencyKey, requestHash } from './idempotency-key.js';

interface CommandRequest extends RequestWithId {
  readonly originalUrl?: string;
  readonly body?: unknown;
  /** Set by an authentication guard (`sub` claim), once there is one. */
  readonly user?: { readonly sub?: unknown };
}

/** The authenticated subject, or `anonymous`: the one place auth plugs into commands. */
export function actorOf(request: Pick<CommandRequest, 'user'>): string {
  const sub = request.user?.sub;
  return typeof sub === 'string' && sub.length > 0 ? sub : ANONYMOUS_ACTOR;
}

/** Builds a command's CommandMeta from its HTTP request. */
export function commandMetaOf(request: CommandRequest, response: ServerResponse): CommandMeta {
  const correlationId = assignRequestId(request, response);
  const key = parseIdempotencyKey(request.headers['idempotency-key']);
  const meta: CommandMeta = { commandId: randomUUID(), correlationId, actor: actorOf(request) };
  if (key === undefined) return meta;
  const path = request.originalUrl ?? request.url ?? '';
  return { ...meta, idempotency: { key, requestHash: requestHash(request.method ?? 'POST', path, request.body) } };
}

/**
 * `execute(@Body() body: Dto, @CommandMetaParam() meta: CommandMeta)`: the actor, the
 * request id (correlation), a fresh command id (causation) and the Idempotency-Key
 * (validated: a malformed key answers 400).
 */
export const CommandMetaParam = createParamDecorator((_data: unknown, context: ExecutionContext): CommandMeta => {
  const http = context.switchToHttp();
  return commandMetaOf(http.getRequest<CommandRequest>(), http.getResponse<ServerResponse>());
});
