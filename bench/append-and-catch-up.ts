/**
 * npm run bench [-- --events 100000 --writers 8]
 * Appends a realistic history from concurrent writers, then times the period-stats
 * projection catching up from position 0 and GET /v1/stats over HTTP. Backend: the
 * PostgreSQL server when DATABASE_URL is set (in a throw-away schema), else embedded PGlite
 * in a temporary directory. The last line is one JSON object with the figures.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CURRENT_SCHEMA_VERSION } from '#domain';
import { closeEmbeddedDatabase, openEmbeddedDatabase, PostgresEventStore, type SqlPool } from '#event-store';
import { PeriodStatsProjection, ProjectionRunner } from '#projections';
import { openReadModels } from '#read-models';
import { AppModule } from '../apps/api/src/app.module.js';
import { configureHttpApp } from '../apps/api/src/infrastructure/http-app.js';
import { benchApiAuth, openServerSchema, percentile } from './bench-support.js';
import { generateHistory, type GeneratedEvent } from '../libs/projections/src/testing/generate-history.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    writers: { type: 'string', default: '8' },
    queries: { type: 'string', default: '500' },
    batch: { type: 'string', default: '5000' },
  },
});
const auth = benchApiAuth();
const totalEvents = Number(values.events);
/** Queries sent before timing starts: connections opened, plans and caches warm. */
const WARM_UP_QUERIES = 50;
const writers = Number(values.writers);

async function openBackend(): Promise<{ name: string; pool: SqlPool; dispose: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const server = await openServerSchema(url, 'bench', writers + 4);
    return { name: 'postgres', pool: server.pool, dispose: () => server.dispose() };
  }
  const directory = await mkdtemp(join(tmpdir(), 'danvan-bench-'));
  const pool = await openEmbeddedDatabase(directory);
  return { name: 'pglite', pool, dispose: async () => { await closeEmbeddedDatabase(pool); await rm(directory, { recursive: true, force: true }); } };
}

async function main(): Promise<void> {
  const backend = await openBackend();
  const store = new PostgresEventStore(backend.pool);
  await store.migrate();
  await openReadModels(backend.pool);

  // Each writer owns a share of the streams, so every stream keeps its own order.
  const lanes: GeneratedEvent[][] = Array.from({ length: writers }, () => []);
  const laneOf = new Map<string, number>();
  for (const generated of generateHistory({ events: totalEvents })) {
    let lane = laneOf.get(generated.stream);
    if (lane === undefined) laneOf.set(generated.stream, (lane = laneOf.size % writers));
    lanes[lane]!.push(generated);
  }
  let last = 0n;
  const appendStart = performance.now();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const { stream, event } of lane) {
        const result = await store.append(
          stream,
          [{ eventId: randomUUID(), type: event.type, data: event.data, metadata: { actor: 'bench', schemaVersion: CURRENT_SCHEMA_VERSION[event.type] } }],
          'any',
        );
        if (result.position > last) last = result.position;
      }
    }),
  );
  const appendSeconds = (performance.now() - appendStart) / 1000;
  console.error(`appended ${totalEvents} events in ${appendSeconds.toFixed(1)} s`);

  const runner = new ProjectionRunner(store, backend.pool, new PeriodStatsProjection(), { batchSize: Number(values.batch) });
  const catchUpStart = performance.now();
  await runner.start();
  if (!(await runner.waitUntilCovered(last, 600_000))) throw new Error('catch-up did not finish');
  const catchUpSeconds = (performance.now() - catchUpStart) / 1000;
  await runner.stop();
  console.error(`caught up in ${catchUpSeconds.toFixed(1)} s`);

  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ pool: backend.pool, env: { LOG_LEVEL: 'silent', NODE_ENV: 'test', ...auth.env } }), { logger: false });
  configureHttpApp(app);
  await app.listen(0);
  const base = await app.getUrl();
  // What autovacuum does after a bulk load, done now rather than during the measurement.
  await backend.pool.query('ANALYZE');
  const latencies: number[] = [];
  for (let i = -WARM_UP_QUERIES; i < Number(values.queries); i++) {
    const started = performance.now();
    const response = await fetch(`${base}/v1/stats?period=phase:2021-2025&unit=p${(i + WARM_UP_QUERIES * 34) % 34}`, { headers: auth.headers });
    await response.json();
    if (response.status !== 200) throw new Error(`GET /v1/stats answered ${response.status}`);
    if (i >= 0) latencies.push(performance.now() - started);
  }
  await app.close();
  latencies.sort((a, b) => a - b);
  await backend.dispose().catch(() => undefined);

  console.log(
    JSON.stringify({
      backend: backend.name,
      events: totalEvents,
      writers,
      batchSize: Number(values.batch),
      appendEventsPerSec: Math.round(totalEvents / appendSeconds),
      catchUpEventsPerSec: Math.round(totalEvents / catchUpSeconds),
      statsP50Ms: Number(percentile(latencies, 50).toFixed(2)),
      statsP99Ms: Number(percentile(latencies, 99).toFixed(2)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
