import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { readCommittedLog, type EventStore, type RecordedEvent } from '#event-store';
import type { TestBackend, TestDatabase } from '../../libs/event-store/src/testing/test-databases.js';
import { AppModule } from '../../apps/api/src/app.module.js';
import { authHeader, TEST_AUTH_ENV } from '../../apps/api/src/auth/testing/test-tokens.js';
import { configureHttpApp } from '../../apps/api/src/infrastructure/http-app.js';
import { EVENT_STORE } from '../../apps/api/src/store/store.tokens.js';

/** The whole application (commands, projector, queries) over a test database, as main.ts builds it. */
export interface E2eApp {
  readonly app: NestExpressApplication;
  /** The test database, for tests that go behind the API's back (tampering with the log). */
  readonly db: TestDatabase;
  readonly http: () => ReturnType<typeof request.agent>;
  readonly store: EventStore;
  /** POSTs a command, expects 201, returns its answer. */
  command(path: string, body: unknown, headers?: Record<string, string>): Promise<{ id: string; stream: string; revision: number; position: string }>;
  /** GETs with consistentWith set to the last position this helper saw. */
  read(path: string): Promise<request.Response>;
  readLog(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/** `env` adds to (or overrides) the test environment: a rate limit, CORS origins, timeouts. */
export async function startE2eApp(backend: TestBackend, env: Record<string, string> = {}): Promise<E2eApp> {
  const db: TestDatabase = await backend.create();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ pool: db.pool, env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...TEST_AUTH_ENV, ...env } }),
    { logger: false },
  );
  configureHttpApp(app);
  await app.init();
  const store = app.get<EventStore>(EVENT_STORE);
  // Requests go out as the test admin unless a test sets its own Authorization header.
  const http = () => request.agent(app.getHttpServer()).set(authHeader());
  let lastPosition = '0';
  return {
    app,
    db,
    http,
    store,
    async command(path, body, headers = {}) {
      const response = await http().post(path).set(headers).send(body as object);
      if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
      if (BigInt(response.body.position) > BigInt(lastPosition)) lastPosition = response.body.position;
      return response.body;
    },
    read(path) {
      const separator = path.includes('?') ? '&' : '?';
      return http().get(`${path}${separator}consistentWith=${lastPosition}`);
    },
    readLog: () => readCommittedLog(store),
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}
