import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Counter } from 'prom-client';
import request from 'supertest';
import { MetricsModule } from './metrics.module.js';
import { METRICS_REGISTRY, metricsRegistry } from './metrics.registry.js';

describe('MetricsModule', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MetricsModule] }).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('serves the default process metrics in Prometheus text format', async () => {
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(response.text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('includes what other modules register on the shared registry', async () => {
    expect(app.get(METRICS_REGISTRY)).toBe(metricsRegistry);
    const appended = new Counter({
      name: 'danvan_events_appended_total',
      help: 'Events appended to the log',
      registers: [metricsRegistry],
    });
    appended.inc(3);
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.text).toContain('danvan_events_appended_total 3');
  });
});
