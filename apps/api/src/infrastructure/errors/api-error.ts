import { HttpException } from '@nestjs/common';

/** One problem with one input field; `field` is a dotted path such as `items.0.name`. */
export interface ApiErrorDetail {
  readonly field: string;
  readonly message: string;
}

/** The body of every error answer (API.md "Errors"). */
export interface ApiErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: readonly ApiErrorDetail[];
  };
}

export function apiErrorBody(code: string, message: string, details?: readonly ApiErrorDetail[]): ApiErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * An error meant for the client, thrown by application code: `new ApiError(409,
 * 'IDEMPOTENCY_KEY_REUSED', '...')`. It is an HttpException whose response already is the
 * contract's body, so it keeps its shape even where the global filter is not installed.
 */
export class ApiError extends HttpException {
  readonly code: string;
  readonly details: readonly ApiErrorDetail[] | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: readonly ApiErrorDetail[],
    options?: { cause?: unknown },
  ) {
    super(apiErrorBody(code, message, details), status, { cause: options?.cause, errorCode: code });
    this.code = code;
    this.details = details;
    this.message = message;
  }

  get body(): ApiErrorBody {
    return apiErrorBody(this.code, this.message, this.details);
  }
}
