import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { routeKeyOf } from '../../auth/route-key.js';
import { canonicalJson } from '#event-store';
import { RefusalLog } from './refusal-log.js';

interface ObservedRequest extends IncomingMessage {
  readonly route?: { readonly path?: unknown };
  readonly originalUrl?: string;
  readonly ip?: string;
  readonly body?: unknown;
  readonly user?: Principal;
  readonly requestId?: string;
}

interface ObservedResponse extends ServerResponse {
  readonly locals?: Record<string, unknown>;
}

const MAX_PATH = 500;

/**
 * Which answers are refusals worth an audit record: every refused command (a write that
 * did not happen) and every refused authentication or authorisation, whatever the route.
 * Left out, so that a flood does not turn into a flood of records: 429s, and 404s for
 * paths that are no route of ours (scanners; they never reach the rate limit either).
 */
export function isAuditedRefusal(method: string, status: number, routeMatched: boolean): boolean {
  if (status === 404 && !routeMatched) return false;
  if (status === 401 || status === 403) return true;
  return method === 'POST' && status >= 400 && status !== 429;
}

/** Watches every answer and records the refusals in the RefusalLog once they are sent. */
@Injectable()
export class RefusalRecorderMiddleware implements NestMiddleware {
  constructor(private readonly refusals: RefusalLog) {}

  use(request: ObservedRequest, response: ObservedResponse, next: () => void): void {
    const at = new Date().toISOString();
    response.once('finish', () => {
      const method = (request.method ?? 'GET').toUpperCase();
      if (!isAuditedRefusal(method, response.statusCode, request.route !== undefined)) return;
      const path = (request.originalUrl ?? request.url ?? '').split('?')[0]!.slice(0, MAX_PATH);
      const code = response.locals?.['errorCode'];
      void this.refusals.record({
        at,
        actor: request.user?.sub ?? null,
        actorRole: request.user?.role ?? null,
        method,
        route: request.route === undefined ? `${method} ${path}` : routeKeyOf(request),
        path,
        clientAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown',
        status: response.statusCode,
        code: typeof code === 'string' ? code : null,
        requestId: request.requestId ?? null,
        bodySha256: request.body === undefined ? null : createHash('sha256').update(canonicalJson(request.body)).digest('hex'),
      });
    });
    next();
  }
}
