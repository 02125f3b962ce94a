import { Catch, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { mapException } from './exception-mapping.js';

/** The slice of Express's request and response the filter touches. */
interface HttpRequest {
  readonly method?: string;
  readonly originalUrl?: string;
  readonly url?: string;
}
interface HttpResponse {
  readonly headersSent: boolean;
  /** Express's per-response store: the error code is left there for the refusal log. */
  readonly locals?: Record<string, unknown>;
  status(code: number): HttpResponse;
  json(body: unknown): unknown;
  end(): unknown;
}

/**
 * The one place that decides what a failed request answers, so every error of the API
 * has the same `{ error: { code, message, details? } }` body whatever threw it.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      // Only HTTP has an error contract; elsewhere the caller's own handling applies.
      throw exception;
    }
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    const mapped = mapException(exception);

    if (mapped.serverFault) {
      const where = `${request.method ?? '?'} ${request.originalUrl ?? request.url ?? '?'}`;
      const what = exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
      const stack = exception instanceof Error ? exception.stack : undefined;
      const message = `${where} answered ${mapped.status} ${mapped.body.error.code} after ${what}`;
      if (stack) this.logger.error(message, stack);
      else this.logger.error(message);
    }

    if (response.locals) response.locals['errorCode'] = mapped.body.error.code;

    if (response.headersSent) {
      // Part of a body is already out: the status can no longer change, only the stream end.
      response.end();
      return;
    }
    response.status(mapped.status).json(mapped.body);
  }
}
