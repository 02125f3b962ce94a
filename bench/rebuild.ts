/**
 * npm run bench:rebuild [-- --events 1000000 --units 10000 --naive-events 20000 --batch 5000]
 *
 * Generates a national data set (a province/commune tree of --units units; models,
 * recognitions, awards, revocations, workdays, contributions, voids and merges over
 * 2021-2027) into the PostgreSQL event store of DATABASE_URL (a throw-away schema; PGlite
 * in a temporary directory without it), projects it once (the live tables), then:
 *  1. times a full blue/green rebuild of period-stats, run by the CLI (`danvan rebuild`) in
 *     its own process, alone (`quietRebuildEventsPerSec`), then again while this process
 *     serves GET /v1/stats (a province subtree) and GET /v1/stats/series (its 60 months of
 *     2021-2025) over HTTP back to back and times them (`rebuildEventsPerSec`);
 *  2. times the same queries after the rebuild;
 *  3. times a naive projector (a TypeORM find and save per row an event touches, one
 *     transaction per event) over the first --naive-events events, for comparison.
 * The last line is one JSON object with the figures.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CURRENT_SCHEMA_VERSION } from '#domain';
import { createPgServerPool, PostgresEventStore, type SqlPool } from '#event-store';
import { PeriodStatsProjection, ProjectionRunner } from '#projections';
import { openReadModels } from '#read-models';
import { AppModule } from '../apps/api/src/app.module.js';
import { configureHttpApp } from '../apps/api/src/infrastructure/http-app.js';
import { generateHistory } from '../libs/projections/src/testing/generate-history.js';
import { benchApiAuth, openServerSchema, percentile } from './bench-support.js';
import { runNaiveProjector } from './naive-projector.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    units: { type: 'string', default: '10000' },
    'naive-events': { type: 'string', default: '20000' },
    batch: { type: 'string', default: '5000' },
  },
});
const auth = benchApiAuth();
const totalEvents = Number(values.events);
const provinces = 63;
const communesPerProvince = Math.max(1, Math.ceil((Number(values.units) - 1 - provinces) / provinces));
const IMPORT_CHUNK = 10_000;

interface Backend {
  readonly name: string;
  readonly pool: SqlPool;
  /** What the CLI child process needs to open the same stores. */
  readonly cliEnv: Record<string, string>;
  /** A pool whose tables are empty copies of the read models, for the naive projector. */
  naivePool(): Promise<SqlPool>;
  dispose(): Promise<void>;
}

async function openBackend(): Promise<Backend> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('bench:rebuild needs DATABASE_URL (a PostgreSQL server): the embedded data directory belongs to one process, and the rebuild runs in the CLI beside this one');
  }
  const server = await openServerSchema(url, 'bench_rebuild', 12);
  const naiveSchema = `${server.schema}_naive`;
  let naive: SqlPool | undefined;
  return {
    name: 'postgres',
    pool: server.pool,
    cliEnv: { DATABASE_URL: server.url },
    async naivePool() {
      await server.admin.query(`CREATE SCHEMA ${naiveSchema}`);
      for (const table of ['rm_models', 'rm_awards', 'rm_ledger_entries', 'rm_year_stats']) {
        await server.admin.query(`CREATE TABLE ${naiveSchema}.${table} (LIKE ${server.schema}.${table} INCLUDING ALL)`);
      }
      naive = createPgServerPool({ connectionString: url, schema: `${naiveSchema},${server.schema}`, max: 2 });
      return naive;
    },
    async dispose() {
      await naive?.end();
      await server.dispose([naiveSchema, `${server.schema}_rebuild_period_stats`]);
    },
  };
}

/** Sends the two queries in turn until `until` resolves (or `count` pairs), timing each. */
async function queryLoop(base: string, until: { done: boolean } | number): Promise<{ stats: number[]; series: number[] }> {
  const stats: number[] = [];
  const series: number[] = [];
  for (let i = 0; typeof until === 'number' ? i < until : !until.done; i++) {
    const unit = `p${i % provinces}`;
    for (const [path, into] of [
      [`/v1/stats?period=phase:2021-2025&unit=${unit}`, stats],
      [`/v1/stats/series?unit=${unit}&granularity=month&from=2021-01-01&to=2025-12-31`, series],
    ] as const) {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { headers: auth.headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
      into.push(performance.now() - started);
    }
  }
  return { stats: stats.sort((a, b) => a - b), series: series.sort((a, b) => a - b) };
}

/** One rebuild by the CLI, its figures from the summary line it prints. */
async function rebuildByCli(env: Record<string, string>): Promise<{ eventsPerSec: number; seconds: number; peakRssMb: number }> {
  const output = await runCliRebuild(env, String(values.batch));
  const summary = /done: (\d+) events in ([\d.]+) s \((\d+) events\/s, peak RSS (\d+) MB\)/.exec(output);
  if (!summary) throw new Error(`unexpected CLI output: ${output}`);
  console.error(output.trim());
  return { seconds: Number(summary[2]), eventsPerSec: Number(summary[3]), peakRssMb: Number(summary[4]) };
}

function runCliRebuild(env: Record<string, string>, batch: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '../apps/cli/src/main.js'), 'rebuild', '--batch', batch], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`danvan rebuild exited ${code}: ${out}`))));
  });
}

async function main(): Promise<void> {
  const backend = await openBackend();
  const store = new PostgresEventStore(backend.pool);
  await store.migrate();
  await openReadModels(backend.pool);

  const loadStart = performance.now();
  let chunk: { streamName: string; event: { eventId: string; type: string; data: unknown; metadata: Record<string, unknown> } }[] = [];
  let last = 0n;
  for (const { stream, event } of generateHistory({ events: totalEvents, provinces, communesPerProvince, mergeRate: 0.0005 })) {
    chunk.push({ streamName: stream, event: { eventId: randomUUID(), type: event.type, data: event.data, metadata: { actor: 'bench', schemaVersion: CURRENT_SCHEMA_VERSION[event.type] } } });
    if (chunk.length === IMPORT_CHUNK) {
      last = (await store.importEvents(chunk)).position;
      chunk = [];
    }
  }
  if (chunk.length > 0) last = (await store.importEvents(chunk)).position;
  console.error(`loaded ${totalEvents} events in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

  const live = new ProjectionRunner(store, backend.pool, new PeriodStatsProjection(), { batchSize: Number(values.batch) });
  const catchUpStart = performance.now();
  await live.start();
  if (!(await live.waitUntilCovered(last, 3_600_000))) throw new Error('catch-up did not finish');
  const catchUpSeconds = (performance.now() - catchUpStart) / 1000;
  await live.stop();
  console.error(`live tables projected in ${catchUpSeconds.toFixed(1)} s`);
  await backend.pool.query('ANALYZE');

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ pool: backend.pool, env: { LOG_LEVEL: 'silent', NODE_ENV: 'test', ...auth.env } }),
    { logger: false },
  );
  configureHttpApp(app);
  await app.listen(0);
  const base = await app.getUrl();
  await queryLoop(base, 25); // warm-up: connections, plans, caches

  // Alone first, then beside the queries, which take a core of the two (closed loop).
  const quiet = await rebuildByCli(backend.cliEnv);
  const rebuilding = { done: false };
  const during = queryLoop(base, rebuilding);
  const summary = await rebuildByCli(backend.cliEnv).finally(() => (rebuilding.done = true));
  const duringLatencies = await during;
  await backend.pool.query('ANALYZE');
  const after = await queryLoop(base, 250);
  await app.close();

  const naive = await runNaiveProjector(store, backend.naivePool(), Number(values['naive-events']));
  await backend.dispose().catch(() => undefined);

  const rebuildEventsPerSec = summary.eventsPerSec;
  console.log(
    JSON.stringify({
      backend: backend.name,
      events: totalEvents,
      units: 1 + provinces + provinces * communesPerProvince,
      batchSize: Number(values.batch),
      catchUpEventsPerSec: Math.round(totalEvents / catchUpSeconds),
      rebuildEventsPerSec,
      rebuildSeconds: summary.seconds,
      quietRebuildEventsPerSec: quiet.eventsPerSec,
      naiveEventsPerSec: naive.eventsPerSec,
      rebuildToNaiveRatio: Number((rebuildEventsPerSec / naive.eventsPerSec).toFixed(1)),
      peakRssMb: Math.max(quiet.peakRssMb, summary.peakRssMb),
      benchPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      statsP50Ms: Number(percentile(after.stats, 50).toFixed(2)),
      statsP99Ms: Number(percentile(after.stats, 99).toFixed(2)),
      seriesP50Ms: Number(percentile(after.series, 50).toFixed(2)),
      seriesP99Ms: Number(percentile(after.series, 99).toFixed(2)),
      duringRebuildStatsP99Ms: Number(percentile(duringLatencies.stats, 99).toFixed(2)),
      duringRebuildSeriesP99Ms: Number(percentile(duringLatencies.series, 99).toFixed(2)),
      duringRebuildQueries: duringLatencies.stats.length + duringLatencies.series.length,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
