import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's id is trusted only when it cannot smuggle anything into logs or headers. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Node's request as seen by this app once the request id is assigned. */
export interface RequestWithId extends IncomingMessage {
  requestId?: string;
}

export function isAcceptableRequestId(value: unknown): value is string {
  return typeof value === 'string' && ACCEPTED_REQUEST_ID.test(value);
}

/**
 * Gives the request its id once: the caller's `X-Request-Id` when acceptable, otherwise
 * a fresh UUID. Idempotent, because both the middleware and the logger may ask first.
 */
export function assignRequestId(request: RequestWithId, response: ServerResponse): string {
  if (request.requestId !== undefined) {
    return request.requestId;
  }
  const offered = request.headers['x-request-id'];
  const requestId = isAcceptableRequestId(offered) ? offered : randomUUID();
  request.requestId = requestId;
  // pino-http's own slot for the id; kept equal so both name the same request.
  (request as { id?: unknown }).id = requestId;
  if (!response.headersSent) {
    response.setHeader(REQUEST_ID_HEADER, requestId);
  }
  return requestId;
}
