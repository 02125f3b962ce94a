/**
 * Test support for the command suites: a Nest app with InfrastructureModule, StoreModule
 * over a test database and CommandsModule, configured like production, with a pinned
 * clock; plus helpers to post commands and read the log back.
 */
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { readCommittedLog, type EventStore, type RecordedEvent, type SqlPool } from '#event-store';
import type { TestBackend, TestDatabase } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { AuthModule } from '../../auth/auth.module.js';
import { authHeader, TEST_ADMIN_SUBJECT, TEST_AUTH_ENV } from '../../auth/testing/test-tokens.js';
import { configureHttpApp, InfrastructureModule } from '../../infrastructure/index.js';
import { StoreModule } from '../../store/store.module.js';
import { EVENT_STORE } from '../../store/store.tokens.js';
import { CommandsModule } from '../commands.module.js';
import { CLOCK, fixedClock } from '../shared/clock.js';
import { COMMAND_RETRY_POLICY, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../shared/command-executor.js';

/**
 * The pinned "now": 20:30 UTC on 15 June is already 16 June in Vietnam, so a business
 * date of 2025-06-16 is today (not in the future) and 2025-06-17 is tomorrow.
 */
export const TEST_NOW = '2025-06-15T20:30:00.000Z';
export const TEST_TODAY = '2025-06-16';

export interface CommandsTestApp {
  readonly app: NestExpressApplication;
  readonly db: TestDatabase;
  readonly store: EventStore;
  readonly pool: SqlPool;
  /** POSTs as the test admin (TEST_ADMIN_SUBJECT) unless `headers` carry an Authorization of their own. */
  post(path: string, body: unknown, headers?: Readonly<Record<string, string>>): request.Test;
  readAll(): Promise<RecordedEvent[]>;
  readStream(stream: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export interface CommandsTestAppOptions {
  readonly retry?: RetryPolicy;
  readonly now?: string;
  /** Another app's database: a second API instance over the same log (not disposed on close). */
  readonly database?: TestDatabase;
}

export async function createCommandsTestApp(
  backend: TestBackend,
  options: CommandsTestAppOptions = {},
): Promise<CommandsTestApp> {
  const shared = options.database;
  const db = shared ?? (await backend.create());
  const dispose = (): Promise<void> => (shared ? Promise.resolve() : db.dispose());
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        InfrastructureModule.forRoot({ env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...TEST_AUTH_ENV } }),
        AuthModule,
        StoreModule.forRoot({ pool: db.pool }),
        CommandsModule,
      ],
    })
      .overrideProvider(CLOCK)
      .useValue(fixedClock(options.now ?? TEST_NOW))
      .overrideProvider(COMMAND_RETRY_POLICY)
      .useValue(options.retry ?? DEFAULT_RETRY_POLICY)
      .compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
    configureHttpApp(app);
    await app.init();
    const store = app.get<EventStore>(EVENT_STORE);
    return {
      app,
      db,
      store,
      pool: db.pool,
      // As an admin unless the test sends its own Authorization header.
      post: (path, body, headers = {}) => request(app.getHttpServer()).post(path).set({ ...authHeader(), ...headers }).send(body as object),
      readAll: () => readCommittedLog(store),
      readStream: (stream) => store.readStream(stream),
      async close() {
        await app.close();
        await dispose();
      },
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** A fresh id per call within a suite: `unit-3`, `m-4`... (one app serves a whole file). */
export function idGenerator(prefix: string): (name?: string) => string {
  let next = 0;
  return (name = 'x') => `${prefix}-${name}-${++next}`;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Registers a unit through the API (201 expected). */
export async function seedUnit(t: CommandsTestApp, unitId: string, parentId: string | null = null, kind = 'district'): Promise<void> {
  await t.post('/v1/units', { unitId, name: `Đơn vị ${unitId}`, kind, parentId }).expect(201);
}

/** Registers a model through the API (201 expected). */
export async function seedModel(
  t: CommandsTestApp,
  modelId: string,
  unitId: string,
  registeredOn = '2024-03-15',
): Promise<void> {
  await t
    .post('/v1/models', {
      modelId,
      unitId,
      title: `Mô hình ${modelId}`,
      field: 'economy',
      holderKind: 'collective',
      holderName: 'Hội Nông dân xã',
      registeredOn,
    })
    .expect(201);
}

/** Logs workdays through the API (201 expected); answers the entry id. */
export async function seedWorkdays(t: CommandsTestApp, unitId: string, entryId: string): Promise<string> {
  const response = await t.post('/v1/workdays', { entryId, unitId, workdays: 2, on: '2024-07-27' }).expect(201);
  return response.body.id as string;
}

/** The envelope fields the access guard and the command origin add to every event of a test app. */
export const ADMIN_ENVELOPE = {
  actor: TEST_ADMIN_SUBJECT,
  actorRole: 'admin',
  route: expect.stringMatching(/^POST \/v1\//),
  clientAddress: expect.any(String),
  hash: expect.stringMatching(/^[0-9a-f]{64}$/),
};
