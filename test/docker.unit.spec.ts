import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The YAML parser @nestjs/swagger already depends on (no Docker engine here to run Compose).
import { load } from 'js-yaml';
import { loadAppConfig } from '../apps/api/src/infrastructure/config/app-config.js';

const ROOT = join(import.meta.dirname, '..');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = load(readFileSync(join(ROOT, 'docker/docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`no service ${name}`);
  return found;
};
const asEnv = (environment: ComposeService['environment']) =>
  Object.fromEntries(Object.entries(environment ?? {}).map(([name, value]) => [name, String(value)]));

describe('docker/docker-compose.yml', () => {
  it('runs KurrentDB, PostgreSQL, the API and the projector', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'kurrentdb', 'postgres', 'projector']);
  });

  it("pins KurrentDB's LTS image and runs it in insecure dev mode with its KURRENTDB_* settings and a volume", () => {
    const kurrentdb = service('kurrentdb');
    expect(kurrentdb.image).toMatch(/^docker\.kurrent\.io\/kurrent-lts\/kurrentdb:\d+\.\d+\.\d+$/);
    expect(kurrentdb.environment).toMatchObject({ KURRENTDB_INSECURE: 'true', KURRENTDB_CLUSTER_SIZE: 1 });
    // The EVENTSTORE_* names are deprecated.
    expect(Object.keys(kurrentdb.environment ?? {}).every((name) => name.startsWith('KURRENTDB_'))).toBe(true);
    expect(kurrentdb.volumes).toContain('kurrentdb-data:/var/lib/kurrentdb');
  });

  it('pins PostgreSQL and keeps its data in a volume', () => {
    expect(service('postgres').image).toMatch(/^postgres:\d+\.\d+/);
    expect(service('postgres').volumes).toContain('postgres-data:/var/lib/postgresql/data');
  });

  it('declares every named volume it mounts', () => {
    const named = Object.values(compose.services).flatMap((s) => (s.volumes ?? []).map((volume) => volume.split(':')[0]!));
    expect(named.sort()).toEqual(Object.keys(compose.volumes).sort());
  });

  it('gives every service a health check on the right probe', () => {
    expect(service('kurrentdb').healthcheck?.test.join(' ')).toContain('http://localhost:2113/health/live');
    expect(service('postgres').healthcheck?.test).toContain('pg_isready');
    expect(service('api').healthcheck?.test.join(' ')).toContain(`:${service('api').environment?.PORT}/health/ready`);
    expect(service('projector').healthcheck?.test.join(' ')).toContain(`:${service('projector').environment?.PORT}/health/ready`);
  });

  it('starts the apps only once the stores are healthy, and the projector after the API', () => {
    const healthy = { condition: 'service_healthy' };
    expect(service('api').depends_on).toEqual({ kurrentdb: healthy, postgres: healthy });
    expect(service('projector').depends_on).toEqual({ kurrentdb: healthy, postgres: healthy, api: healthy });
  });

  it('configures both apps for EventStoreDB + PostgreSQL with an environment the app accepts; the API leaves projecting to the projector', () => {
    const api = loadAppConfig(asEnv(service('api').environment));
    const projector = loadAppConfig(asEnv(service('projector').environment));
    for (const config of [api, projector]) {
      expect(config.storeMode).toBe('eventstoredb');
      expect(config.eventStoreConnectionString).toBe('esdb://kurrentdb:2113?tls=false');
      expect(new URL(config.databaseUrl!).host).toBe('postgres:5432');
    }
    expect(api.runProjections).toBe(false);
    // A server on DATABASE_URL refuses to start without a token key.
    expect(api.authJwtSecret).toBeDefined();
    expect(api.port).not.toBe(projector.port);
  });

  it('runs both apps from the one image built by docker/Dockerfile, the projector by its own entry point', () => {
    expect(service('api').build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(service('projector').image).toBe(service('api').image);
    expect(service('projector').command).toEqual(['node', 'dist/apps/projector/src/main.js']);
    expect(existsSync(join(ROOT, 'apps/projector/src/main.ts'))).toBe(true);
  });
});

describe('docker/Dockerfile', () => {
  const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((match) => ({ image: match[1], name: match[2] }));
  const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));

  it('builds in one stage and runs from a slim one of the Node line the project supports', () => {
    expect(stages).toEqual([
      { image: 'node:${NODE_VERSION}-bookworm-slim', name: 'build' },
      { image: 'node:${NODE_VERSION}-bookworm-slim', name: 'runtime' },
    ]);
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=20\.\d+$/m);
  });

  it('installs from the lockfile, builds, and keeps production dependencies only', () => {
    expect(dockerfile).toContain('RUN npm ci || npm install');
    expect(dockerfile).toContain('RUN npm run build && npm prune --omit=dev');
    expect(runtime).toContain('COPY --from=build /app/node_modules node_modules');
    expect(runtime).toContain('COPY --from=build /app/dist dist');
    // The "imports" map of package.json resolves #domain and the other libraries into dist/.
    expect(runtime).toContain('COPY --from=build /app/package.json ./');
  });

  it('runs as an unprivileged user, the API by default', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toContain('CMD ["node", "dist/apps/api/src/main.js"]');
  });
});
