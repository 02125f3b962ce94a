import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const GENERATED_SECRET_FILE = 'auth-jwt-secret';

/**
 * The embedded default's HS256 secret: generated once (384 random bits) into the data
 * directory, readable by its owner only, and reused on every start so tokens survive a
 * restart. Two processes racing to create it both end up with the one that was written.
 */
export async function generatedSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, GENERATED_SECRET_FILE);
  const existing = await readSecret(path);
  if (existing !== undefined) return existing;
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(path, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const written = await readSecret(path);
  if (written === undefined) throw new Error(`${path} is empty; delete it to generate a new secret`);
  return written;
}

async function readSecret(path: string): Promise<string | undefined> {
  try {
    const secret = (await readFile(path, 'utf8')).trim();
    return secret.length > 0 ? secret : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
