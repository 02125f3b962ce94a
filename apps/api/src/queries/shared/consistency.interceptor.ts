import { applyDecorators, HttpStatus, Inject, Injectable, UseInterceptors } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { ApiError, ApiErrorResponseDto, APP_CONFIG, type AppConfig } from '../../infrastructure/index.js';
import { CONSISTENCY_GATE, type ConsistencyGate } from '../../store/store.tokens.js';
import { LOG_POSITION_MESSAGE, parseLogPosition } from './validators.js';

interface RequestWithQuery {
  readonly query?: Record<string, unknown>;
}

/**
 * Read-your-writes for any GET (API.md): with `consistentWith=<position>`, the request
 * waits until every projection has processed that log position, and answers 503
 * CONSISTENCY_TIMEOUT when APP_CONFIG.consistencyTimeoutMs passes first. Without the
 * parameter it reads at once, and so it does with position 0: the start of the log, which
 * every read model covers (no command answers 0; both stores number events from above it).
 * Interceptors run before pipes, so the value is checked here (400, in the shape of the
 * validation pipe's answers) before any wait.
 */
@Injectable()
export class ConsistencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(CONSISTENCY_GATE) private readonly gate: ConsistencyGate,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http') {
      const raw = context.switchToHttp().getRequest<RequestWithQuery>().query?.['consistentWith'];
      if (raw !== undefined) await this.waitFor(raw);
    }
    return next.handle();
  }

  private async waitFor(raw: unknown): Promise<void> {
    const position = parseLogPosition(raw);
    if (position === undefined) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request is not valid', [
        { field: 'consistentWith', message: LOG_POSITION_MESSAGE },
      ]);
    }
    if (position === 0n) return;
    const timeoutMs = this.config.consistencyTimeoutMs;
    if (!(await this.gate.waitUntilCovered(position, timeoutMs))) {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'CONSISTENCY_TIMEOUT',
        `The read models did not reach log position ${position} within ${timeoutMs} ms; retry later`,
      );
    }
  }
}

/**
 * Marks a controller as a read endpoint: `consistentWith` is honoured and the 503 is
 * documented. One implementation for every read controller.
 */
export const ConsistentRead = (): ClassDecorator & MethodDecorator =>
  applyDecorators(
    UseInterceptors(ConsistencyInterceptor),
    ApiResponse({
      status: HttpStatus.SERVICE_UNAVAILABLE,
      description: 'CONSISTENCY_TIMEOUT: the read models did not reach `consistentWith` in time',
      type: ApiErrorResponseDto,
    }),
  );
