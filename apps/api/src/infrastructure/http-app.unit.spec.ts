import 'reflect-metadata';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import request from 'supertest';
import { configureHttpApp } from './http-app.js';
import { InfrastructureModule } from './infrastructure.module.js';

class NoteDto {
  @IsString()
  note!: string;
}

@Controller('v1/notes')
class NotesController {
  @Post()
  @HttpCode(201)
  create(@Body() body: NoteDto): { length: number } {
    return { length: body.note.length };
  }
}

describe('configureHttpApp with InfrastructureModule', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        InfrastructureModule.forRoot({
          env: {},
          readinessChecks: { useValue: [{ name: 'event-store', check: async () => undefined }] },
        }),
      ],
      controllers: [NotesController],
    }).compile();
    app = configureHttpApp(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }));
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  const server = () => app.getHttpServer();

  it('accepts JSON bodies up to 1 MB', async () => {
    const note = 'x'.repeat(900_000);
    const response = await request(server()).post('/v1/notes').send({ note }).expect(201);
    expect(response.body).toEqual({ length: 900_000 });
  });

  it('refuses larger ones with 413 PAYLOAD_TOO_LARGE and still names the request', async () => {
    const response = await request(server())
      .post('/v1/notes')
      .set('X-Request-Id', 'big-1')
      .send({ note: 'x'.repeat(1_100_000) })
      .expect(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(response.headers['x-request-id']).toBe('big-1');
  });

  it('answers malformed JSON with MALFORMED_JSON and a request id', async () => {
    const response = await request(server())
      .post('/v1/notes')
      .set('Content-Type', 'application/json')
      .send('{oops')
      .expect(400);
    expect(response.body.error.code).toBe('MALFORMED_JSON');
    expect(response.headers['x-request-id']).toBeDefined();
  });

  it('validates bodies and refuses unknown fields', async () => {
    const response = await request(server()).post('/v1/notes').send({ note: 1, extra: true }).expect(400);
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'note', message: 'must be a string' },
        { field: 'extra', message: 'is not allowed' },
      ]),
    );
  });

  it('answers unknown routes in the error shape', async () => {
    const response = await request(server()).get('/v1/unknown').expect(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    await request(server()).get('/health/live').expect(200);
    await request(server()).get('/health/ready').expect(200);
    const metrics = await request(server()).get('/metrics').expect(200);
    expect(metrics.text).toContain('process_cpu_seconds_total');
    const docs = await request(server()).get('/docs-json').expect(200);
    expect(docs.body.info.title).toBe('danvan API');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/v1/notes', '/health/ready']));
    expect(Object.keys(docs.body.paths)).not.toContain('/metrics');
  });

  it('does not advertise Express', async () => {
    const response = await request(server()).get('/health/live');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
