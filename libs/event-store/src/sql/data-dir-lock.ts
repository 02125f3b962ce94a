import { open, readFile, unlink, writeFile } from 'node:fs/promises';

/**
 * PGlite does not lock its data directory, and two processes on one directory corrupt it.
 * A pid file does: taken when free, or when the process that wrote it is gone (a crash or
 * a kill -9 must not block the next start, which a time-based lock would for a while).
 */
export async function lockDataDir(lockFile: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(lockFile).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new Error(`The data directory is in use by process ${holder} (${lockFile}); one process per DATA_DIR`);
      }
      await writeFile(lockFile, '').catch(() => undefined);
      await unlink(lockFile).catch(() => undefined);
    }
  }
  throw new Error(`Could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
