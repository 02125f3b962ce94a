import type { ServerResponse } from 'node:http';
import { assignRequestId } from './request-id.js';
import type { RequestWithId } from './request-id.js';

/**
 * Mount first (`app.use`), before the body parser, so even a request rejected for its
 * body answers with an X-Request-Id the caller can quote.
 */
export function requestIdMiddleware(request: RequestWithId, response: ServerResponse, next: () => void): void {
  assignRequestId(request, response);
  next();
}
