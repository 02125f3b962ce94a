import 'reflect-metadata';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { loadAppConfig } from './app-config.js';
import type { AppConfig } from './app-config.js';
import { APP_CONFIG, AppConfigModule } from './app-config.module.js';

function errorOf(env: Record<string, string | undefined>): string {
  try {
    loadAppConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected loadAppConfig to throw');
}

describe('loadAppConfig', () => {
  it('applies the defaults of API.md to an empty environment', () => {
    expect(loadAppConfig({})).toEqual({
      port: 3000,
      dataDir: './data',
      databaseUrl: undefined,
      eventStoreConnectionString: undefined,
      authJwtSecret: undefined,
      authJwtPublicKey: undefined,
      authJwksUrl: undefined,
      authJwtIssuer: undefined,
      authJwtAudience: undefined,
      logLevel: 'info',
      projectionBatchSize: 5000,
      rebuildMemoryMb: 640,
      consistencyTimeoutMs: 5000,
      storeMode: 'embedded',
      runProjections: true,
      corsOrigins: [],
      rateLimitPerMinute: 1200,
    });
  });

  it('refuses a short JWT secret without echoing it', () => {
    expect(() => loadAppConfig({ AUTH_JWT_SECRET: 'short-secret' })).toThrow(/AUTH_JWT_SECRET must be at least 32/);
    expect(() => loadAppConfig({ AUTH_JWT_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it('treats empty variables as unset', () => {
    expect(loadAppConfig({ PORT: '', DATABASE_URL: ' ', LOG_LEVEL: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadAppConfig({
      PORT: '8080',
      DATA_DIR: '/var/lib/danvan',
      DATABASE_URL: 'postgresql://danvan:secret@db:5432/danvan',
      AUTH_JWT_SECRET: 's3cret-s3cret-s3cret-s3cret-s3cret',
      AUTH_JWKS_URL: 'https://id.example.gov.vn/.well-known/jwks.json',
      AUTH_JWT_ISSUER: 'https://id.example.gov.vn',
      AUTH_JWT_AUDIENCE: 'danvan',
      LOG_LEVEL: 'debug',
      PROJECTION_BATCH_SIZE: '2000',
      CONSISTENCY_TIMEOUT_MS: '2000',
      REBUILD_MEMORY_MB: '300',
      RUN_PROJECTIONS: 'false',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      RATE_LIMIT_PER_MINUTE: '60',
    });
    expect(config).toEqual({
      port: 8080,
      dataDir: '/var/lib/danvan',
      databaseUrl: 'postgresql://danvan:secret@db:5432/danvan',
      eventStoreConnectionString: undefined,
      authJwtSecret: 's3cret-s3cret-s3cret-s3cret-s3cret',
      authJwtPublicKey: undefined,
      authJwksUrl: 'https://id.example.gov.vn/.well-known/jwks.json',
      authJwtIssuer: 'https://id.example.gov.vn',
      authJwtAudience: 'danvan',
      logLevel: 'debug',
      projectionBatchSize: 2000,
      rebuildMemoryMb: 300,
      consistencyTimeoutMs: 2000,
      storeMode: 'postgres',
      runProjections: false,
      corsOrigins: ['https://a.example', 'https://b.example'],
      rateLimitPerMinute: 60,
    });
  });

  it.each([
    ['esdb://localhost:2113?tls=false'],
    ['esdb+discover://cluster.example:2113'],
    ['kurrentdb://a:2113,b:2113,c:2113?tls=false'],
  ])('selects eventstoredb for %s when DATABASE_URL is set', (url) => {
    const config = loadAppConfig({ EVENTSTORE_CONNECTION_STRING: url, DATABASE_URL: 'postgres://db/danvan' });
    expect(config.storeMode).toBe('eventstoredb');
    expect(config.eventStoreConnectionString).toBe(url);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer between 1 and 65535 (got "abc")'],
    [{ PORT: '0' }, 'PORT must be an integer between 1 and 65535 (got "0")'],
    [{ PORT: '65536' }, 'PORT must be an integer between 1 and 65535 (got "65536")'],
    [{ PORT: '80.5' }, 'PORT must be an integer between 1 and 65535 (got "80.5")'],
    [{ PORT: '1e3' }, 'PORT must be an integer between 1 and 65535 (got "1e3")'],
    [{ DATABASE_URL: 'mysql://db/danvan' }, 'DATABASE_URL must be a URL starting with postgres://, postgresql:// (got a "mysql://" URL)'],
    [{ DATABASE_URL: 'danvan' }, 'DATABASE_URL must be a URL starting with postgres://, postgresql:// (got a value that is not a URL)'],
    [
      { EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113', DATABASE_URL: 'postgres://db/x' },
      'EVENTSTORE_CONNECTION_STRING must be a URL starting with esdb://, esdb+discover://, kurrentdb://, kurrentdb+discover:// (got a "http://" URL)',
    ],
    [
      { EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113' },
      'DATABASE_URL is required when EVENTSTORE_CONNECTION_STRING is set',
    ],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")'],
    [{ PROJECTION_BATCH_SIZE: '0' }, 'PROJECTION_BATCH_SIZE must be an integer between 1 and 100000 (got "0")'],
    [{ REBUILD_MEMORY_MB: '10' }, 'REBUILD_MEMORY_MB must be an integer between 64 and 65536 (got "10")'],
    [{ PROJECTION_BATCH_SIZE: '100001' }, 'PROJECTION_BATCH_SIZE must be an integer between 1 and 100000 (got "100001")'],
    [{ CONSISTENCY_TIMEOUT_MS: '-1' }, 'CONSISTENCY_TIMEOUT_MS must be an integer between 1 and 600000 (got "-1")'],
    [{ RUN_PROJECTIONS: 'no', DATABASE_URL: 'postgres://db/x' }, 'RUN_PROJECTIONS must be true or false (got "no")'],
    [{ RUN_PROJECTIONS: 'false' }, 'RUN_PROJECTIONS=false needs DATABASE_URL'],
  ])('rejects %o', (env, message) => {
    const error = errorOf(env);
    expect(error).toMatch(/^Invalid configuration: /);
    expect(error).toContain(message);
  });

  it('never echoes a rejected connection string, which may hold a password', () => {
    expect(errorOf({ DATABASE_URL: 'mysql://root:hunter2@db/danvan' })).not.toContain('hunter2');
  });

  it('lists every invalid variable in one error', () => {
    const error = errorOf({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://db', PROJECTION_BATCH_SIZE: 'x' });
    expect(error).toContain('PORT must be');
    expect(error).toContain('LOG_LEVEL must be');
    expect(error).toContain('DATABASE_URL must be');
    expect(error).toContain('PROJECTION_BATCH_SIZE must be');
    expect(error.match(/must be/g)).toHaveLength(4);
  });
});

describe('AppConfigModule', () => {
  @Injectable()
  class Consumer {
    constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {}
  }

  it('provides APP_CONFIG globally, also through ConfigService', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot({ PORT: '4000' })],
      providers: [Consumer],
    }).compile();

    expect(moduleRef.get(Consumer).config.port).toBe(4000);
    expect(moduleRef.get(ConfigService).get<AppConfig>('app')?.port).toBe(4000);
    await moduleRef.close();
  });

  it('fails to start on an invalid environment', async () => {
    await expect(
      Test.createTestingModule({ imports: [AppConfigModule.forRoot({ PORT: 'abc' })] }).compile(),
    ).rejects.toThrow('Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")');
  });
});
