import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Initialises one empty PGlite database and saves it, so each suite loads a copy instead
 * of running initdb again; and says loudly which database backends this run covers.
 */
export default async function globalSetup(): Promise<void> {
  const directory = join(process.cwd(), '.tmp');
  await mkdir(directory, { recursive: true });
  const file = join(directory, 'pglite-template.tar');
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  process.env.DANVAN_PGLITE_TEMPLATE = file;
  if (process.env.DATABASE_URL) {
    console.log(`\n[danvan] integration suites run on PGlite AND the PostgreSQL server at ${redact(process.env.DATABASE_URL)}\n`);
  } else {
    console.warn(
      '\n[danvan] WARNING: DATABASE_URL is not set: integration suites run on PGlite only; ' +
        'the PostgreSQL-server variants are NOT run in this run (CI sets DATABASE_URL).\n',
    );
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
