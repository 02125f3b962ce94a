import 'reflect-metadata';
import { Controller, Get, Req } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { RequestId } from './request-id.decorator.js';
import { isAcceptableRequestId } from './request-id.js';
import type { RequestWithId } from './request-id.js';
import { requestIdMiddleware } from './request-id.middleware.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

@Controller('echo')
class EchoController {
  @Get()
  echo(@RequestId() requestId: string, @Req() req: RequestWithId): { decorator: string; property: string | undefined } {
    return { decorator: requestId, property: req.requestId };
  }
}

describe('isAcceptableRequestId', () => {
  it.each(['a', 'abc-123', 'trace.id:42_x', 'A'.repeat(128)])('accepts %s', (id) => {
    expect(isAcceptableRequestId(id)).toBe(true);
  });

  it.each(['', 'A'.repeat(129), 'has space', 'new\nline', 'semi;colon', 'ünicode', undefined, ['a', 'b']])(
    'refuses %p',
    (id) => {
      expect(isAcceptableRequestId(id)).toBe(false);
    },
  );
});

describe('requestIdMiddleware', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [EchoController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.use(requestIdMiddleware);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it("keeps the caller's id, echoes it and hands it to the handler", async () => {
    const response = await request(app.getHttpServer()).get('/echo').set('X-Request-Id', 'client-42.a:b').expect(200);
    expect(response.headers['x-request-id']).toBe('client-42.a:b');
    expect(response.body).toEqual({ decorator: 'client-42.a:b', property: 'client-42.a:b' });
  });

  it('generates a UUID when the caller sends none', async () => {
    const response = await request(app.getHttpServer()).get('/echo').expect(200);
    expect(response.headers['x-request-id']).toMatch(UUID);
    expect(response.body.decorator).toBe(response.headers['x-request-id']);
  });

  it("replaces a caller's id that is too long or has unsafe characters", async () => {
    for (const offered of ['x'.repeat(129), 'a b', '<script>']) {
      const response = await request(app.getHttpServer()).get('/echo').set('X-Request-Id', offered).expect(200);
      expect(response.headers['x-request-id']).toMatch(UUID);
    }
  });

  it('gives every request its own id', async () => {
    const first = await request(app.getHttpServer()).get('/echo');
    const second = await request(app.getHttpServer()).get('/echo');
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  it('also tags answers to unknown routes', async () => {
    const response = await request(app.getHttpServer()).get('/nowhere').expect(404);
    expect(response.headers['x-request-id']).toMatch(UUID);
  });
});
