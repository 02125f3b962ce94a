import { Presets, SingleBar } from 'cli-progress';
import type { EventStore, SqlPool } from '#event-store';
import { startJournaledRebuild, type Projection, type RebuildOptions, type RebuildRecord } from '#projections';

/**
 * Runs a journaled rebuild (its progress also reads in `GET /v1/admin/rebuilds/{id}`)
 * behind a progress bar: processed / total, events per second, ETA. Prints one summary
 * line at the end, also where stderr is not a terminal and no bar is drawn.
 */
export async function rebuildWithProgressBar(
  store: EventStore,
  pool: SqlPool,
  projection: Projection,
  options: Omit<RebuildOptions, 'onProgress'>,
): Promise<RebuildRecord> {
  const bar = new SingleBar(
    {
      format: `${projection.name} |{bar}| {percentage}% | {value}/{total} events | {rate} events/s | ETA {etaText}`,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(1, 0, { rate: 0, etaText: '-' });
  const { rebuildId, finished } = await startJournaledRebuild(store, pool, projection, {
    ...options,
    onProgress: (progress) => {
      bar.setTotal(Math.max(progress.total, 1));
      bar.update(progress.processed, { rate: progress.eventsPerSec, etaText: progress.etaSeconds === undefined ? '-' : `${progress.etaSeconds}s` });
    },
  });
  const started = performance.now();
  const record = await finished;
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const outcome =
    record.status === 'done'
      ? `done: ${record.processed} events in ${seconds.toFixed(1)} s (${Math.round(record.processed / seconds)} events/s, peak RSS ${peakRssMb} MB), tables swapped in`
      : `failed: ${record.error} (the live tables are untouched; run it again to resume)`;
  console.log(`rebuild ${rebuildId} of ${projection.name} ${outcome}`);
  return record;
}
