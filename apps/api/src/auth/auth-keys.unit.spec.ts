import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../infrastructure/config/app-config.js';
import { resolveAuthKeys } from './auth-keys.js';
import { GENERATED_SECRET_FILE } from './generated-secret.js';

describe('resolveAuthKeys', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'danvan-keys-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('generates a strong secret once into the embedded data directory, readable by its owner only, and reuses it', async () => {
    const first = await resolveAuthKeys(loadAppConfig({ DATA_DIR: dataDir }));
    const second = await resolveAuthKeys(loadAppConfig({ DATA_DIR: dataDir }));
    expect(first.hs256Secret).toHaveLength(64);
    expect(second.hs256Secret).toBe(first.hs256Secret);
    expect((await readFile(join(dataDir, GENERATED_SECRET_FILE), 'utf8')).trim()).toBe(first.hs256Secret);
    expect((await stat(join(dataDir, GENERATED_SECRET_FILE))).mode & 0o777).toBe(0o600);
  });

  it('uses the configured secret and generates nothing', async () => {
    const keys = await resolveAuthKeys(loadAppConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: 'c'.repeat(40) }));
    expect(keys.hs256Secret).toBe('c'.repeat(40));
    await expect(stat(join(dataDir, GENERATED_SECRET_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to start on a shared server without a configured key, and accepts an identity provider alone', async () => {
    await expect(resolveAuthKeys(loadAppConfig({ DATABASE_URL: 'postgres://db/danvan' }))).rejects.toThrow(/AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL is required/);
    const keys = await resolveAuthKeys(loadAppConfig({ DATABASE_URL: 'postgres://db/danvan', AUTH_JWKS_URL: 'https://id.example/jwks.json' }));
    expect(keys).toMatchObject({ hs256Secret: undefined, jwksUrl: 'https://id.example/jwks.json' });
  });
});
