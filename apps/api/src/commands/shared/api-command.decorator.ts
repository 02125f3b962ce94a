import { applyDecorators, HttpCode, HttpStatus } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ID_PATTERN } from '#domain';
import { ApiErrorResponseDto } from '../../infrastructure/index.js';
import { CommandAnswerDto } from './command-answer.js';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key.js';

/** The OpenAPI description every command route shares: 201 answer, errors, Idempotency-Key. */
export function ApiCommand(summary: string, description?: string): MethodDecorator {
  return applyDecorators(
    HttpCode(HttpStatus.CREATED),
    ApiOperation({ summary, ...(description === undefined ? {} : { description }) }),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Optional, 1-200 printable ASCII characters. A retry with the same key and body gets the first ' +
        'answer and writes nothing new; the same key with another request answers 409 IDEMPOTENCY_KEY_REUSED.',
      schema: { type: 'string', minLength: 1, maxLength: 200 },
    }),
    ApiCreatedResponse({ type: CommandAnswerDto, description: 'Recorded: the stream, revision and log position written' }),
    ApiBadRequestResponse({
      type: ApiErrorResponseDto,
      description: 'VALIDATION_FAILED (malformed or unknown fields, bad Idempotency-Key) or MALFORMED_JSON',
    }),
    ApiNotFoundResponse({ type: ApiErrorResponseDto, description: 'A unit, model, award or entry named does not exist' }),
    ApiConflictResponse({
      type: ApiErrorResponseDto,
      description: 'Already exists, duplicate, concurrent change (CONCURRENCY_CONFLICT) or IDEMPOTENCY_KEY_REUSED',
    }),
    ApiUnprocessableEntityResponse({ type: ApiErrorResponseDto, description: 'A business rule refuses the command' }),
  );
}

/** A path id: a slug, 400 VALIDATION_FAILED when malformed. */
export function ApiIdParam(name: string, example: string): MethodDecorator {
  return ApiParam({ name, example, schema: { type: 'string', pattern: ID_PATTERN.source } });
}
