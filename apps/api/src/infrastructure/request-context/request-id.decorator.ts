import type { ServerResponse } from 'node:http';
import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { assignRequestId } from './request-id.js';
import type { RequestWithId } from './request-id.js';

/**
 * `handle(@RequestId() requestId: string)`: the id this request is logged under, e.g.
 * for an event's correlation id. Assigns one if the middleware was not mounted, so the
 * handler never sees undefined.
 */
export const RequestId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const http = context.switchToHttp();
  return assignRequestId(http.getRequest<RequestWithId>(), http.getResponse<ServerResponse>());
});
