import 'reflect-metadata';
import { Body, ConflictException, Controller, ForbiddenException, Get, InternalServerErrorException, Post } from '@nestjs/common';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsInt, IsString, Min } from 'class-validator';
import request from 'supertest';
import { createValidationPipe } from '../validation/validation.pipe.js';
import { ApiError } from './api-error.js';
import { HttpExceptionFilter } from './http-exception.filter.js';

class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    readonly kind: 'not_found' | 'conflict' | 'rule',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
}

class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

class CreateThingDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1)
  workdays!: number;
}

@Controller('v1/things')
class ThingsController {
  @Post()
  create(@Body() body: CreateThingDto): CreateThingDto {
    return body;
  }

  @Get('api-error')
  apiError(): never {
    throw new ApiError(409, 'IDEMPOTENCY_KEY_REUSED', 'The key was used with another body', [
      { field: 'Idempotency-Key', message: 'was used with another body' },
    ]);
  }

  @Get('domain-not-found')
  domainNotFound(): never {
    throw new DomainError('UNIT_NOT_FOUND', 'not_found', 'Unit qk9 does not exist');
  }

  @Get('domain-conflict')
  domainConflict(): never {
    throw new DomainError('UNIT_EXISTS', 'conflict', 'Unit qk2 already exists');
  }

  @Get('domain-rule')
  domainRule(): never {
    throw new DomainError('WORKDAYS_NOT_POSITIVE', 'rule', 'must be a positive number', 'workdays');
  }

  @Get('domain-plain-object')
  domainPlainObject(): never {
    throw { name: 'DomainError', code: 'MODEL_WITHDRAWN', kind: 'rule', message: 'The model was withdrawn' };
  }

  @Get('concurrency')
  concurrency(): never {
    throw new ConcurrencyError('Stream unit-qk2: expected revision 3, found 4');
  }

  @Get('store-unavailable')
  storeUnavailable(): never {
    throw new StoreUnavailableError('connect ECONNREFUSED postgres://danvan:secret@db:5432');
  }

  @Get('postgres-gone')
  postgresGone(): never {
    throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED', address: '10.0.0.7', port: 5432 });
  }

  @Get('postgres-terminated')
  postgresTerminated(): never {
    throw new Error('Connection terminated unexpectedly');
  }

  @Get('crash')
  crash(): never {
    throw new Error('relation "awards" does not exist: SELECT * FROM awards');
  }

  @Get('throw-string')
  throwString(): never {
    throw 'something odd';
  }

  @Get('forbidden')
  forbidden(): never {
    throw new ForbiddenException('Officers may only write to their unit');
  }

  @Get('coded-conflict')
  codedConflict(): never {
    throw new ConflictException('Award aw-1 already exists', { errorCode: 'DUPLICATE' });
  }

  @Get('internal-http')
  internalHttp(): never {
    throw new InternalServerErrorException('pool exhausted at db.ts:42');
  }
}

class CapturingLogger implements LoggerService {
  readonly errors: string[] = [];
  log(): void {}
  warn(): void {}
  error(message: unknown, ...rest: unknown[]): void {
    this.errors.push([message, ...rest].map(String).join(' '));
  }
}

describe('HttpExceptionFilter', () => {
  let app: INestApplication;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    app = moduleRef.createNestApplication({ logger });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new HttpExceptionFilter());
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  const server = () => app.getHttpServer();

  it('answers validation failures with 400 VALIDATION_FAILED and per-field details', async () => {
    const response = await request(server()).post('/v1/things').send({ workdays: 'many', foo: 1 }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'must be a string' },
        { field: 'workdays', message: 'must be an integer number' },
        { field: 'foo', message: 'is not allowed' },
      ]),
    );
    expect(Object.keys(response.body)).toEqual(['error']);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await request(server())
      .post('/v1/things')
      .set('Content-Type', 'application/json')
      .send('{"name": "x",')
      .expect(400);
    expect(response.body).toEqual({ error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' } });
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    // Nest's default JSON limit here is 100 kB; configureHttpApp raises it to 1 MB.
    const response = await request(server())
      .post('/v1/things')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(200_000), workdays: 1 }))
      .expect(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes with 404 NOT_FOUND', async () => {
    const response = await request(server()).get('/v1/nowhere').expect(404);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Cannot GET /v1/nowhere' } });
  });

  it('answers an ApiError with its own status, code and details', async () => {
    const response = await request(server()).get('/v1/things/api-error').expect(409);
    expect(response.body).toEqual({
      error: {
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: 'The key was used with another body',
        details: [{ field: 'Idempotency-Key', message: 'was used with another body' }],
      },
    });
  });

  it.each([
    ['domain-not-found', 404, { code: 'UNIT_NOT_FOUND', message: 'Unit qk9 does not exist' }],
    ['domain-conflict', 409, { code: 'UNIT_EXISTS', message: 'Unit qk2 already exists' }],
    [
      'domain-rule',
      422,
      {
        code: 'WORKDAYS_NOT_POSITIVE',
        message: 'must be a positive number',
        details: [{ field: 'workdays', message: 'must be a positive number' }],
      },
    ],
    ['domain-plain-object', 422, { code: 'MODEL_WITHDRAWN', message: 'The model was withdrawn' }],
  ])('maps the domain error of %s to %i', async (path, status, error) => {
    const response = await request(server()).get(`/v1/things/${path}`).expect(status);
    expect(response.body).toEqual({ error });
  });

  it('answers a ConcurrencyError with 409 CONCURRENCY_CONFLICT', async () => {
    const response = await request(server()).get('/v1/things/concurrency').expect(409);
    expect(response.body.error.code).toBe('CONCURRENCY_CONFLICT');
    expect(response.body.error.message).not.toContain('revision');
  });

  it('answers a StoreUnavailableError with 503 STORE_UNAVAILABLE without the connection details', async () => {
    const response = await request(server()).get('/v1/things/store-unavailable').expect(503);
    expect(response.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(JSON.stringify(response.body)).not.toContain('secret');
  });

  it.each(['postgres-gone', 'postgres-terminated'])('answers a PostgreSQL connection failure (%s) with 503 STORE_UNAVAILABLE without its details', async (path) => {
    const response = await request(server()).get(`/v1/things/${path}`).expect(503);
    expect(response.body).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: 'A data store is not answering; retry later' } });
  });

  it('answers anything else with a generic 500 INTERNAL_ERROR and logs the details', async () => {
    const response = await request(server()).get('/v1/things/crash').expect(500);
    expect(response.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } });
    expect(logger.errors.some((line) => line.includes('relation "awards" does not exist') && line.includes(' at '))).toBe(
      true,
    );
  });

  it('answers a thrown non-Error with a generic 500', async () => {
    const response = await request(server()).get('/v1/things/throw-string').expect(500);
    expect(response.body.error).toEqual({ code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' });
  });

  it("keeps other HttpExceptions' status and message, with a code from the status", async () => {
    const response = await request(server()).get('/v1/things/forbidden').expect(403);
    expect(response.body).toEqual({ error: { code: 'FORBIDDEN', message: 'Officers may only write to their unit' } });
  });

  it("uses an HttpException's errorCode when it has one", async () => {
    const response = await request(server()).get('/v1/things/coded-conflict').expect(409);
    expect(response.body).toEqual({ error: { code: 'DUPLICATE', message: 'Award aw-1 already exists' } });
  });

  it('hides the message of an InternalServerErrorException', async () => {
    const response = await request(server()).get('/v1/things/internal-http').expect(500);
    expect(response.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } });
  });
});
