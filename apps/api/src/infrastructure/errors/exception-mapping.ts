import { STATUS_CODES } from 'node:http';
import { HttpException, HttpStatus } from '@nestjs/common';
import { isConnectionFailure } from '#event-store';
import { ApiError, apiErrorBody } from './api-error.js';
import type { ApiErrorBody } from './api-error.js';

export interface MappedException {
  readonly status: number;
  readonly body: ApiErrorBody;
  /** Server faults (5xx) are logged with their stack; client mistakes are not worth a line. */
  readonly serverFault: boolean;
}

/** The shape of the domain library's error, matched by duck typing to keep HTTP out of it. */
interface DomainErrorLike {
  readonly name: 'DomainError';
  readonly code: string;
  readonly kind: 'not_found' | 'conflict' | 'rule';
  readonly message: string;
  readonly field?: string;
}

const DOMAIN_STATUS: Record<DomainErrorLike['kind'], number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};

const INTERNAL_MESSAGE = 'An unexpected error occurred';

/** Turns anything thrown while handling a request into the contract's status and body. */
export function mapException(exception: unknown): MappedException {
  if (exception instanceof ApiError) {
    return answer(exception.getStatus(), exception.body);
  }
  const bodyParserError = bodyParserErrorOf(exception);
  if (bodyParserError) {
    return bodyParserError;
  }
  if (exception instanceof HttpException) {
    return fromHttpException(exception);
  }
  if (isDomainError(exception)) {
    const details = exception.field === undefined ? undefined : [{ field: exception.field, message: exception.message }];
    return answer(DOMAIN_STATUS[exception.kind], apiErrorBody(exception.code, exception.message, details));
  }
  // Store errors carry stream names, revisions or connection details: the client gets a
  // fixed message, the log gets the original.
  if (hasName(exception, 'ConcurrencyError')) {
    return answer(
      HttpStatus.CONFLICT,
      apiErrorBody('CONCURRENCY_CONFLICT', 'The resource was changed by another request; reload it and retry'),
    );
  }
  // EventStoreDB's adapter reports StoreUnavailableError; PostgreSQL's driver errors are
  // recognised as they come (refused, terminated, server shutting down).
  if (hasName(exception, 'StoreUnavailableError') || isConnectionFailure(exception)) {
    return answer(
      HttpStatus.SERVICE_UNAVAILABLE,
      apiErrorBody('STORE_UNAVAILABLE', 'A data store is not answering; retry later'),
    );
  }
  return answer(HttpStatus.INTERNAL_SERVER_ERROR, apiErrorBody('INTERNAL_ERROR', INTERNAL_MESSAGE));
}

function answer(status: number, body: ApiErrorBody): MappedException {
  return { status, body, serverFault: status >= 500 };
}

/**
 * body-parser errors reach filters wrapped by the Express adapter in an HttpException
 * whose `cause` keeps body-parser's `type`; unwrapped ones can still arrive from a
 * parser mounted by hand.
 */
function bodyParserErrorOf(exception: unknown): MappedException | undefined {
  const source = exception instanceof HttpException ? exception.cause : exception;
  if (typeof source !== 'object' || source === null || !('type' in source)) {
    return undefined;
  }
  switch (source.type) {
    case 'entity.parse.failed':
      return answer(HttpStatus.BAD_REQUEST, apiErrorBody('MALFORMED_JSON', 'The request body is not valid JSON'));
    case 'entity.too.large': {
      const limit = 'limit' in source && typeof source.limit === 'number' ? ` of ${source.limit} bytes` : '';
      return answer(
        HttpStatus.PAYLOAD_TOO_LARGE,
        apiErrorBody('PAYLOAD_TOO_LARGE', `The request body exceeds the limit${limit}`),
      );
    }
    default:
      return undefined;
  }
}

function fromHttpException(exception: HttpException): MappedException {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (isApiErrorBody(response)) {
    return answer(status, apiErrorBody(response.error.code, response.error.message, response.error.details));
  }
  // Nest 12 lets any HttpException carry a code: `new ConflictException(msg, { errorCode })`.
  const code = exception.errorCode ?? codeForStatus(status);
  // An InternalServerErrorException's text is written for developers, not clients.
  const message = status === HttpStatus.INTERNAL_SERVER_ERROR ? INTERNAL_MESSAGE : messageOf(exception);
  return answer(status, apiErrorBody(code, message));
}

/** 404 → NOT_FOUND, 413 → PAYLOAD_TOO_LARGE: the status text, shouted. */
export function codeForStatus(status: number): string {
  if (status === HttpStatus.INTERNAL_SERVER_ERROR) return 'INTERNAL_ERROR';
  const text = STATUS_CODES[status];
  return text ? text.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '') : `HTTP_${status}`;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error as { code?: unknown; message?: unknown } | null;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

function hasName(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === name;
}

function isDomainError(value: unknown): value is DomainErrorLike {
  if (!hasName(value, 'DomainError')) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['code'] === 'string' &&
    typeof candidate['message'] === 'string' &&
    typeof candidate['kind'] === 'string' &&
    Object.hasOwn(DOMAIN_STATUS, candidate['kind']) &&
    (candidate['field'] === undefined || typeof candidate['field'] === 'string')
  );
}
