import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { HttpExceptionFilter } from '../errors/http-exception.filter.js';
import { HealthModule } from './health.module.js';
import type { ReadinessChecksProvider } from './health.module.js';

@Injectable()
class FakeStore {
  answering = true;
  async ping(): Promise<void> {
    if (!this.answering) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  }
}

@Module({ providers: [FakeStore], exports: [FakeStore] })
class FakeStoreModule {}

async function createApp(checks: ReadinessChecksProvider, timeoutMs?: number): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [HealthModule.forRoot(checks, timeoutMs === undefined ? {} : { timeoutMs })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  // As in production: the filter must leave Terminus's 503 body alone.
  app.useGlobalFilters(new HttpExceptionFilter());
  return app.init();
}

describe('HealthModule', () => {
  describe('with checks contributed by another module', () => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await createApp({
        imports: [FakeStoreModule],
        inject: [FakeStore],
        useFactory: (store: FakeStore) => [
          { name: 'event-store', check: () => store.ping() },
          { name: 'read-models', check: async () => undefined },
        ],
      });
    });

    afterAll(async () => {
      await app.close();
    });

    it('is live', async () => {
      const response = await request(app.getHttpServer()).get('/health/live').expect(200);
      expect(response.body.status).toBe('ok');
    });

    it('is ready when every check passes', async () => {
      app.get(FakeStore).answering = true;
      const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(response.body.status).toBe('ok');
      expect(response.body.details).toMatchObject({ 'event-store': { status: 'up' }, 'read-models': { status: 'up' } });
    });

    it("answers 503 naming the failing check, while staying live", async () => {
      app.get(FakeStore).answering = false;
      const response = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(response.body.status).toBe('error');
      expect(response.body.error).toEqual({
        'event-store': expect.objectContaining({ status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5432' }),
      });
      expect(response.body.info).toMatchObject({ 'read-models': { status: 'up' } });
      await request(app.getHttpServer()).get('/health/live').expect(200);
    });
  });

  it('counts a check that does not answer in time as down', async () => {
    const app = await createApp(
      { useValue: [{ name: 'slow-store', check: () => new Promise<void>(() => undefined) }] },
      50,
    );
    const response = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(response.body.error['slow-store']).toMatchObject({ status: 'down', message: 'timeout of 50ms exceeded' });
    await app.close();
  });

  it('is ready without any check', async () => {
    const app = await createApp({ useValue: [] });
    await request(app.getHttpServer()).get('/health/ready').expect(200);
    await app.close();
  });
});
