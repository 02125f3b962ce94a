import 'reflect-metadata';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { openReadModels } from '#read-models';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { TestBackend } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { AuthModule } from '../../auth/auth.module.js';
import { authHeader, TEST_AUTH_ENV } from '../../auth/testing/test-tokens.js';
import { configureHttpApp, InfrastructureModule } from '../../infrastructure/index.js';
import { CONSISTENCY_GATE, READ_MODELS, type ConsistencyGate } from '../../store/store.tokens.js';
import { QueriesModule } from '../queries.module.js';

/** Records every wait and answers what the test decides. */
export class FakeConsistencyGate implements ConsistencyGate {
  readonly calls: { position: bigint; timeoutMs: number }[] = [];
  covered = true;

  async waitUntilCovered(position: bigint, timeoutMs: number): Promise<boolean> {
    this.calls.push({ position, timeoutMs });
    return this.covered;
  }
}

export interface QueryTestApp {
  readonly app: INestApplication;
  readonly dataSource: DataSource;
  readonly gate: FakeConsistencyGate;
  /** GETs as the test admin. */
  get(url: string): request.Test;
  close(): Promise<void>;
}

export const TEST_CONSISTENCY_TIMEOUT_MS = 1234;

/**
 * The QueriesModule over a fresh, migrated read-model database of `backend`, with the
 * app's real HTTP conventions (validation pipe, error filter) and a fake gate. Tests
 * insert read-model rows directly.
 */
export async function startQueryTestApp(backend: TestBackend): Promise<QueryTestApp> {
  const db = await backend.create();
  try {
    const dataSource = await openReadModels(db.pool);
    const gate = new FakeConsistencyGate();

    @Global()
    @Module({
      providers: [
        { provide: READ_MODELS, useValue: dataSource },
        { provide: CONSISTENCY_GATE, useValue: gate },
      ],
      exports: [READ_MODELS, CONSISTENCY_GATE],
    })
    class TestStoreModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        InfrastructureModule.forRoot({ env: { CONSISTENCY_TIMEOUT_MS: String(TEST_CONSISTENCY_TIMEOUT_MS), ...TEST_AUTH_ENV } }),
        AuthModule,
        CqrsModule.forRoot(),
        TestStoreModule,
        QueriesModule,
      ],
    }).compile();
    const app = configureHttpApp(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }));
    await app.init();
    return {
      app,
      dataSource,
      gate,
      get: (url) => request(app.getHttpServer()).get(url).set(authHeader()),
      async close() {
        await app.close();
        // Not source.destroy(): that ends the shared pool, which db.dispose() ends.
        await db.dispose();
      },
    };
  } catch (error) {
    await db.dispose();
    throw error;
  }
}
