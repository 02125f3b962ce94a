import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import { PGlitePool } from './pglite-pool.js';

/**
 * Opens (creating on first use) the embedded PostgreSQL kept under `dataDir`. Without a
 * directory the database lives in memory, which tests use.
 */
export async function openEmbeddedDatabase(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<PGlitePool> {
  if (dataDir === undefined) {
    return new PGlitePool(await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}));
  }
  const directory = join(dataDir, 'pglite');
  await mkdir(directory, { recursive: true });
  const unlock = await lockDataDir(join(dataDir, 'pglite.lock'));
  try {
    const pool = new PGlitePool(await PGlite.create(directory));
    pool.once('closed', unlock);
    return pool;
  } catch (error) {
    await unlock();
    throw error;
  }
}

/** Closes the PGlite database behind a pool once nobody holds its session. */
export async function closeEmbeddedDatabase(pool: PGlitePool): Promise<void> {
  await pool.end();
  if (!pool.db.closed) await pool.db.close();
  pool.emit('closed');
}
