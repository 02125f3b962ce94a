/**
 * npm run bench:rebuild [-- --events 1000000 --units 10000 --naive-events 20000 --batch 5000 --query-rate 20 --threads N]
 *
 * Generates a national data set (a province/commune tree of --units units; models,
 * recognitions, awards, revocations, workdays, contributions, voids and merges over
 * 2021-2027) into the PostgreSQL event store of DATABASE_URL (a throw-away schema; the
 * bench needs a server, as the CLI rebuilds beside this process), projects it once (the
 * live tables), then:
 *  0. times the paced queries of 1. for 20 s with no rebuild beside them (`pacedAlone*`):
 *     what the machine gives them by itself;
 *  1. times a full blue/green rebuild of period-stats, run by the CLI (`danvan rebuild`) in
 *     its own process, five times:
 *     - alone (`quietRebuildEventsPerSec`);
 *     - three times while this process serves --query-rate queries per second, GET
 *       /v1/stats (a province subtree) and GET /v1/stats/series (its 60 months of
 *       2021-2025) in turn, each sent at its set time whatever the answers before it, and
 *       timed from that time: a dashboard's load. `rebuildEventsPerSec` is the median of
 *       the three rates (`pacedRebuildEventsPerSec`: each), `duringRebuild*` come from the
 *       three runs' queries together (`duringRebuild*P99MsEach`: each run's);
 *     - while this process sends the same queries back to back, one at a time, which takes
 *       a core of the two (`saturated*`): the most one client can ask;
 *  2. times the same queries after the rebuild, back to back;
 *  3. times a naive projector (a TypeORM find and save per row an event touches, one
 *     transaction per event) over the first --naive-events events, for comparison.
 * The last line is one JSON object with the figures.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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
import { defaultFoldThreads } from '../apps/cli/src/fold-threads.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    units: { type: 'string', default: '10000' },
    'naive-events': { type: 'string', default: '20000' },
    batch: { type: 'string', default: '5000' },
    'query-rate': { type: 'string', default: '20' },
    threads: { type: 'string' },
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

interface Latencies {
  readonly stats: number[];
  readonly series: number[];
}

/** The i-th query of a loop: the two kinds in turn, over the provinces. */
function nthQuery(i: number): { path: string; kind: keyof Latencies } {
  const unit = `p${Math.floor(i / 2) % provinces}`;
  return i % 2 === 0
    ? { path: `/v1/stats?period=phase:2021-2025&unit=${unit}`, kind: 'stats' }
    : { path: `/v1/stats/series?unit=${unit}&granularity=month&from=2021-01-01&to=2025-12-31`, kind: 'series' };
}

/** Milliseconds from `since` to the end of the answer to GET `path`. */
async function timedGet(base: string, path: string, since: number): Promise<number> {
  const response = await fetch(`${base}${path}`, { headers: auth.headers });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return performance.now() - since;
}

function sorted(latencies: Latencies): Latencies {
  return { stats: latencies.stats.sort((a, b) => a - b), series: latencies.series.sort((a, b) => a - b) };
}

/** Sends the queries one at a time, back to back, until `until` says done (or `count` queries). */
async function closedLoop(base: string, until: { done: boolean } | number): Promise<Latencies> {
  const latencies: Latencies = { stats: [], series: [] };
  for (let i = 0; typeof until === 'number' ? i < until : !until.done; i++) {
    const { path, kind } = nthQuery(i);
    latencies[kind].push(await timedGet(base, path, performance.now()));
  }
  return sorted(latencies);
}

/**
 * Sends `perSecond` queries a second at set times until `until` says done, however long the
 * answers take, and times each from its set time: a slow answer delays none of the others,
 * and a query sent late counts its wait.
 */
async function pacedLoop(base: string, perSecond: number, until: { done: boolean }): Promise<Latencies> {
  const latencies: Latencies = { stats: [], series: [] };
  const answers: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; !until.done; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const { path, kind } = nthQuery(i);
    answers.push(timedGet(base, path, due).then((ms) => void latencies[kind].push(ms)));
  }
  await Promise.all(answers);
  return sorted(latencies);
}

/** How long the paced load runs with no rebuild beside it. */
const PACED_ALONE_SECONDS = 20;

/** A flag that says done after `seconds`. */
function doneAfter(seconds: number): { done: boolean } {
  const until = { done: false };
  setTimeout(() => (until.done = true), seconds * 1000);
  return until;
}

/** A CLI rebuild while `queries` run, until it ends. */
async function rebuildBeside(
  env: Record<string, string>,
  queries: (until: { done: boolean }) => Promise<Latencies>,
): Promise<{ rebuild: Awaited<ReturnType<typeof rebuildByCli>>; latencies: Latencies }> {
  const rebuilding = { done: false };
  const latencies = queries(rebuilding);
  const rebuild = await rebuildByCli(env).finally(() => (rebuilding.done = true));
  return { rebuild, latencies: await latencies };
}

/**
 * Rebuilds beside the paced load, whose queries are pooled: one rebuild of ~15 s holds ~150
 * stats queries, whose p99 is the second slowest of them and swung by ±10 ms between runs.
 */
const PACED_REBUILDS = 3;

type RebuildBeside = Awaited<ReturnType<typeof rebuildBeside>>;

/** The runs' queries together, and the run of median rate. */
function pooled(runs: readonly RebuildBeside[]): { median: RebuildBeside['rebuild']; latencies: Latencies } {
  const byRate = runs.map((run) => run.rebuild).sort((a, b) => a.eventsPerSec - b.eventsPerSec);
  return {
    median: byRate[Math.floor(byRate.length / 2)]!,
    latencies: sorted({ stats: runs.flatMap((run) => run.latencies.stats), series: runs.flatMap((run) => run.latencies.series) }),
  };
}

const p99 = (sortedLatencies: readonly number[]) => Number(percentile(sortedLatencies, 99).toFixed(2));
const p50 = (sortedLatencies: readonly number[]) => Number(percentile(sortedLatencies, 50).toFixed(2));

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
    const child = spawn(process.execPath, [join(import.meta.dirname, '../apps/cli/src/main.js'), 'rebuild', '--batch', batch, ...(values.threads ? ['--threads', values.threads] : [])], {
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
  await closedLoop(base, 50); // warm-up: connections, plans, caches

  // The same paced load with no rebuild: what this machine gives those queries by itself.
  const pacedAlone = await pacedLoop(base, Number(values['query-rate']), doneAfter(PACED_ALONE_SECONDS));
  const quiet = await rebuildByCli(backend.cliEnv);
  const pacedRuns: RebuildBeside[] = [];
  for (let run = 0; run < PACED_REBUILDS; run++) {
    pacedRuns.push(await rebuildBeside(backend.cliEnv, (until) => pacedLoop(base, Number(values['query-rate']), until)));
  }
  const paced = pooled(pacedRuns);
  const saturated = await rebuildBeside(backend.cliEnv, (until) => closedLoop(base, until));
  await backend.pool.query('ANALYZE');
  const after = await closedLoop(base, 500);
  await app.close();

  const naive = await runNaiveProjector(store, backend.naivePool(), Number(values['naive-events']));
  await backend.dispose().catch(() => undefined);

  const rebuildEventsPerSec = paced.median.eventsPerSec;
  console.log(
    JSON.stringify({
      backend: backend.name,
      events: totalEvents,
      units: 1 + provinces + provinces * communesPerProvince,
      batchSize: Number(values.batch),
      catchUpEventsPerSec: Math.round(totalEvents / catchUpSeconds),
      rebuildEventsPerSec,
      rebuildSeconds: paced.median.seconds,
      pacedRebuildEventsPerSec: pacedRuns.map((run) => run.rebuild.eventsPerSec),
      quietRebuildEventsPerSec: quiet.eventsPerSec,
      naiveEventsPerSec: naive.eventsPerSec,
      rebuildToNaiveRatio: Number((rebuildEventsPerSec / naive.eventsPerSec).toFixed(1)),
      peakRssMb: Math.max(quiet.peakRssMb, ...pacedRuns.map((run) => run.rebuild.peakRssMb), saturated.rebuild.peakRssMb),
      benchPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      statsP50Ms: p50(after.stats),
      statsP99Ms: p99(after.stats),
      seriesP50Ms: p50(after.series),
      seriesP99Ms: p99(after.series),
      queryRatePerSec: Number(values['query-rate']),
      foldThreads: Number(values.threads ?? defaultFoldThreads()),
      pacedAloneStatsP50Ms: p50(pacedAlone.stats),
      pacedAloneStatsP99Ms: p99(pacedAlone.stats),
      pacedAloneSeriesP99Ms: p99(pacedAlone.series),
      duringRebuildStatsP50Ms: p50(paced.latencies.stats),
      duringRebuildStatsP99Ms: p99(paced.latencies.stats),
      duringRebuildSeriesP50Ms: p50(paced.latencies.series),
      duringRebuildSeriesP99Ms: p99(paced.latencies.series),
      duringRebuildQueries: paced.latencies.stats.length + paced.latencies.series.length,
      duringRebuildStatsP99MsEach: pacedRuns.map((run) => p99(run.latencies.stats)),
      duringRebuildSeriesP99MsEach: pacedRuns.map((run) => p99(run.latencies.series)),
      saturatedRebuildEventsPerSec: saturated.rebuild.eventsPerSec,
      saturatedStatsP99Ms: p99(saturated.latencies.stats),
      saturatedSeriesP99Ms: p99(saturated.latencies.series),
      saturatedQueries: saturated.latencies.stats.length + saturated.latencies.series.length,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
