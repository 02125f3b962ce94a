import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PERIOD_STATS, PROJECTIONS_BY_NAME } from '#projections';
import { openReadModels } from '#read-models';
import { loadAppConfig, type AppConfig } from '../../api/src/infrastructure/config/app-config.js';
import { openStores, type Stores } from '../../api/src/store/open-stores.js';
import { cpuPlacement, yieldCpuOfServerProcess } from './process-priority.js';
import { defaultFoldThreads } from './fold-threads.js';
import { rebuildWithProgressBar } from './rebuild-command.js';
import { exportAwardHistory, type ExportOptions } from './export-command.js';
import { replayStream } from './replay-command.js';
import { tokenFor, type TokenOptions } from './token-command.js';
import { verifyLog, type VerifyOptions } from './verify-command.js';


const { version } = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string };

const positiveInteger = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a positive integer');
  return parsed;
};

/** The stores as a batch job opens them: its server sessions yield the CPU like the CLI itself. */
const openCliStores = (config: AppConfig): Promise<Stores> => openStores({ ...config, onLocalServerProcess: yieldCpuOfServerProcess });

const program = new Command('danvan')
  .description('danvan admin and auditor commands, on the stores the environment configures (as the API: DATA_DIR or DATABASE_URL)')
  .version(version);

program
  .command('rebuild')
  .description('rebuild a projection into fresh tables from position 0 and swap them in (blue/green); the old tables serve meanwhile')
  .addOption(new Option('--projection <name>', 'the projection to rebuild').choices(Object.keys(PROJECTIONS_BY_NAME)).default(PERIOD_STATS))
  .option('--batch <events>', 'events per transaction', positiveInteger)
  .option(
    '--threads <count>',
    'threads that fold the log side by side, each a share of its streams (on a PostgreSQL server; default: the cores beyond 2, at least 1, at most 4)',
    positiveInteger,
  )
  .action(async (options: { projection: string; batch?: number; threads?: number }) => {
    const config = loadAppConfig(process.env);
    const stores = await openCliStores(config);
    console.error(`danvan: rebuilding at ${cpuPlacement()}: the service's requests go first`);
    const controller = new AbortController();
    // Ctrl-C stops after the batch in progress; the next rebuild resumes from there.
    process.once('SIGINT', () => controller.abort());
    process.once('SIGTERM', () => controller.abort());
    try {
      await stores.serialiseMigrations(() => openReadModels(stores.readPool));
      const record = await rebuildWithProgressBar(stores.eventStore, stores.readPool, PROJECTIONS_BY_NAME[options.projection]!(), {
        batchSize: options.batch ?? config.projectionBatchSize,
        inMemoryHeapMb: config.rebuildMemoryMb,
        split: { shares: options.threads ?? defaultFoldThreads(), in: 'threads' },
        onSplit: (threads) => console.error(`danvan: folding the log in ${threads} threads, a share of its streams each`),
        signal: controller.signal,
      });
      process.exitCode = record.status === 'done' ? 0 : 1;
    } finally {
      await stores.close();
    }
  });

program
  .command('token')
  .description('print a bearer token signed with the configured secret (AUTH_JWT_SECRET, or the one generated in DATA_DIR)')
  .requiredOption('--role <role>', 'admin, officer, auditor or reader')
  .option('--unit <unitId>', "the officer's unit: it may write to that unit's subtree")
  .option('--ttl <duration>', 'lifetime: 90s, 30m, 8h, 7d', '8h')
  .option('--sub <subject>', 'who the token stands for, recorded as the actor of every event (default: the OS user)')
  .action(async (options: TokenOptions) => {
    process.stdout.write(`${await tokenFor(loadAppConfig(process.env), options)}\n`);
  });

program
  .command('verify')
  .description("recompute every stream's tamper-evidence hash chain; prints { ok, streamsChecked, eventsChecked, firstBroken }, exit 2 when broken")
  .option('--heads <file>', 'also check the stream heads exported earlier with --write-heads (catches streams deleted whole or truncated)')
  .option('--write-heads <file>', 'write the current stream heads (JSON Lines) to keep outside the database')
  .action(async (options: VerifyOptions) => {
    await withStores(async (stores) => {
      const report = await verifyLog(stores.eventStore, options);
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      process.exitCode = report.ok ? 0 : 2;
    });
  });

program
  .command('replay')
  .description("print a stream's events (JSON Lines, metadata included) as the log held them on a date, then the state they fold into")
  .requiredOption('--stream <stream>', 'e.g. award-kt-2024-0001, ledger-tuyen-quang')
  .option('--as-of <date>', 'only events recorded by the end of this day (Vietnam time)')
  .action(async (options: { stream: string; asOf?: string }) => {
    await withStores(async (stores) => {
      const count = await replayStream(stores.eventStore, options.stream, options.asOf, process.stdout);
      if (count === 0) process.exitCode = 3;
    });
  });

program
  .command('export')
  .description("export the award history (grants and revocations with every event's metadata) for a unit subtree and a date range, streamed")
  .option('--unit <unitId>', "only recipients in this unit's current subtree")
  .option('--period <key>', 'year:2024, half:2024-H1, quarter:2024-Q3, month:2024-07 or phase:2021-2025 (instead of --from/--to)')
  .option('--from <date>', 'decision or revocation dates from (inclusive)')
  .option('--to <date>', 'decision or revocation dates to (inclusive)')
  .option('--format <format>', 'csv or jsonl', 'jsonl')
  .option('--out <file>', 'write to a new file instead of stdout')
  .action(async (options: ExportOptions) => {
    await withStores(async (stores) => {
      const count = await exportAwardHistory(stores.eventStore, options);
      process.stderr.write(`${count} award events exported\n`);
    });
  });

/** Opens the stores the environment names, runs `work`, and closes them. */
async function withStores(work: (stores: Stores) => Promise<void>): Promise<void> {
  const stores = await openCliStores(loadAppConfig(process.env));
  try {
    await work(stores);
  } finally {
    await stores.close();
  }
}

program.parseAsync().catch((error: unknown) => {
  console.error(`danvan: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
