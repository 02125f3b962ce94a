import { IsDefined, IsIn, IsOptional, MinLength, ValidateBy, ValidateIf, validateSync } from 'class-validator';
import type { ValidationArguments, ValidationOptions } from 'class-validator';
import { DEFAULT_IN_MEMORY_HEAP_MB } from '#projections';

/**
 * The most events one projection transaction takes. Following the live log, batches are as
 * small as what arrived; catching up, 5,000 events per transaction ran ~15 % faster than
 * 1,000 (docs/PERFORMANCE.md) and larger gained nothing.
 */
export const DEFAULT_PROJECTION_BATCH_SIZE = 5000;

/** Generous for people and scripts that page through lists; a flood from one address stops. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Which stores back the log and the read models; derived from which URLs are set. */
export type StoreMode = 'embedded' | 'postgres' | 'eventstoredb';

export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly eventStoreConnectionString: string | undefined;
  /** HS256 secret; in embedded mode without it, one is generated into DATA_DIR. */
  readonly authJwtSecret: string | undefined;
  /** PEM public key: RS256 tokens of an identity provider. */
  readonly authJwtPublicKey: string | undefined;
  /** JWKS URL: RS256 tokens of an identity provider, keys fetched and cached. */
  readonly authJwksUrl: string | undefined;
  readonly authJwtIssuer: string | undefined;
  readonly authJwtAudience: string | undefined;
  readonly logLevel: LogLevel;
  readonly projectionBatchSize: number;
  /** Heap (MB) a rebuild's first pass in memory may fill before it writes its rows. */
  readonly rebuildMemoryMb: number;
  readonly consistencyTimeoutMs: number;
  readonly storeMode: StoreMode;
  /**
   * Whether this process runs the projections. On a PostgreSQL server each projection is
   * leader-elected, so any number of processes may; false leaves them to `apps/projector`.
   */
  readonly runProjections: boolean;
  /** Origins a browser may call from; none (CORS closed) by default. */
  readonly corsOrigins: readonly string[];
  /** Requests per client address and minute before 429. */
  readonly rateLimitPerMinute: number;
}

const POSTGRES_SCHEMES = ['postgres:', 'postgresql:'];
const EVENTSTORE_SCHEMES = ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:'];

function IsIntegerString(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIntegerString',
      validator: {
        // Digits only: Number() alone would accept "1e3", " 42" or "0x10".
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d{1,15}$/.test(value) && Number(value) >= min && Number(value) <= max,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} must be an integer between ${min} and ${max} (got ${JSON.stringify(args?.value)})`,
      },
    },
    options,
  );
}

/**
 * Connection strings carry passwords, so a rejected one is described by its scheme only:
 * this message ends up in startup logs.
 */
function IsUrlWithScheme(schemes: readonly string[], options?: ValidationOptions): PropertyDecorator {
  const expected = schemes.map((scheme) => `${scheme}//`).join(', ');
  return ValidateBy(
    {
      name: 'isUrlWithScheme',
      validator: {
        // Absence is IsDefined's business; reporting it twice would read as two problems.
        validate: (value: unknown) => value === undefined || (typeof value === 'string' && schemeOf(value, schemes)),
        defaultMessage: (args?: ValidationArguments) => {
          const scheme = typeof args?.value === 'string' ? /^([a-z][a-z0-9+.-]*:)/i.exec(args.value)?.[1] : undefined;
          const got = scheme ? `a "${scheme}//" URL` : 'a value that is not a URL';
          return `${args?.property} must be a URL starting with ${expected} (got ${got})`;
        },
      },
    },
    options,
  );
}

function schemeOf(value: string, schemes: readonly string[]): boolean {
  // EventStoreDB cluster strings list several hosts ("esdb://a:2113,b:2113"), which the
  // WHATWG URL parser rejects; checking the scheme and a non-empty rest is what matters.
  const match = /^([a-z][a-z0-9+.-]*:)\/\/(.+)$/i.exec(value);
  return match !== null && schemes.includes(match[1]!.toLowerCase());
}

/** The raw environment as strings, validated before anything is converted. */
class EnvironmentVariables {
  @IsOptional()
  @IsIntegerString(1, 65535)
  PORT?: string;

  DATA_DIR?: string;

  @ValidateIf((env: EnvironmentVariables) => env.DATABASE_URL !== undefined || env.EVENTSTORE_CONNECTION_STRING !== undefined)
  @IsDefined({
    message: 'DATABASE_URL is required when EVENTSTORE_CONNECTION_STRING is set (the read models live in PostgreSQL)',
  })
  @IsUrlWithScheme(POSTGRES_SCHEMES)
  DATABASE_URL?: string;

  @IsOptional()
  @IsUrlWithScheme(EVENTSTORE_SCHEMES)
  EVENTSTORE_CONNECTION_STRING?: string;

  // HS256 with a short secret can be brute-forced offline from one token.
  @IsOptional()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters (the value is not shown)' })
  AUTH_JWT_SECRET?: string;

  @IsOptional()
  @ValidateBy({
    name: 'isPemPublicKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.includes('-----BEGIN PUBLIC KEY-----'),
      defaultMessage: () => 'AUTH_JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----)',
    },
  })
  AUTH_JWT_PUBLIC_KEY?: string;

  @IsOptional()
  @IsUrlWithScheme(['https:', 'http:'])
  AUTH_JWKS_URL?: string;

  AUTH_JWT_ISSUER?: string;

  AUTH_JWT_AUDIENCE?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, {
    message: (args: ValidationArguments) =>
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(args.value)})`,
  })
  LOG_LEVEL?: string;

  @IsOptional()
  @IsIntegerString(1, 100_000)
  PROJECTION_BATCH_SIZE?: string;

  @IsOptional()
  @IsIntegerString(1, 600_000)
  CONSISTENCY_TIMEOUT_MS?: string;

  @IsOptional()
  @IsIntegerString(64, 65_536)
  REBUILD_MEMORY_MB?: string;

  @IsOptional()
  @IsIn(['true', 'false'], {
    message: (args: ValidationArguments) => `RUN_PROJECTIONS must be true or false (got ${JSON.stringify(args.value)})`,
  })
  // The embedded data directory belongs to one process: nobody else could project it.
  @ValidateBy({
    name: 'projectsEmbedded',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value !== 'false' || (args?.object as EnvironmentVariables).DATABASE_URL !== undefined,
      defaultMessage: () =>
        'RUN_PROJECTIONS=false needs DATABASE_URL: the embedded store belongs to one process, which must run the projections itself',
    },
  })
  RUN_PROJECTIONS?: string;
  CORS_ORIGINS?: string;

  @IsOptional()
  @IsIntegerString(1, 1_000_000)
  RATE_LIMIT_PER_MINUTE?: string;
}

const VARIABLES = [
  'PORT',
  'DATA_DIR',
  'DATABASE_URL',
  'EVENTSTORE_CONNECTION_STRING',
  'AUTH_JWT_SECRET',
  'AUTH_JWT_PUBLIC_KEY',
  'AUTH_JWKS_URL',
  'AUTH_JWT_ISSUER',
  'AUTH_JWT_AUDIENCE',
  'LOG_LEVEL',
  'PROJECTION_BATCH_SIZE',
  'CONSISTENCY_TIMEOUT_MS',
  'REBUILD_MEMORY_MB',
  'RUN_PROJECTIONS',
  'CORS_ORIGINS',
  'RATE_LIMIT_PER_MINUTE',
] as const satisfies readonly (keyof EnvironmentVariables)[];

/**
 * Reads and checks the environment once, at startup, so a typo fails the process with
 * every problem listed instead of surfacing later as a confusing runtime error.
 */
export function loadAppConfig(env: Record<string, string | undefined>): AppConfig {
  const raw = new EnvironmentVariables();
  for (const name of VARIABLES) {
    const value = env[name];
    // Compose files and CI often define a variable as empty to mean "not set".
    if (value !== undefined && value.trim() !== '') raw[name] = value;
  }

  const problems = validateSync(raw).flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) {
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }

  const databaseUrl = raw.DATABASE_URL;
  const eventStoreConnectionString = raw.EVENTSTORE_CONNECTION_STRING;
  return {
    port: raw.PORT === undefined ? 3000 : Number(raw.PORT),
    dataDir: raw.DATA_DIR ?? './data',
    databaseUrl,
    eventStoreConnectionString,
    authJwtSecret: raw.AUTH_JWT_SECRET,
    authJwtPublicKey: raw.AUTH_JWT_PUBLIC_KEY,
    authJwksUrl: raw.AUTH_JWKS_URL,
    authJwtIssuer: raw.AUTH_JWT_ISSUER,
    authJwtAudience: raw.AUTH_JWT_AUDIENCE,
    logLevel: (raw.LOG_LEVEL ?? 'info') as LogLevel,
    projectionBatchSize: raw.PROJECTION_BATCH_SIZE === undefined ? DEFAULT_PROJECTION_BATCH_SIZE : Number(raw.PROJECTION_BATCH_SIZE),
    consistencyTimeoutMs: raw.CONSISTENCY_TIMEOUT_MS === undefined ? 5000 : Number(raw.CONSISTENCY_TIMEOUT_MS),
    rebuildMemoryMb: raw.REBUILD_MEMORY_MB === undefined ? DEFAULT_IN_MEMORY_HEAP_MB : Number(raw.REBUILD_MEMORY_MB),
    storeMode: eventStoreConnectionString ? 'eventstoredb' : databaseUrl ? 'postgres' : 'embedded',
    runProjections: raw.RUN_PROJECTIONS !== 'false',
    corsOrigins: (raw.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin.length > 0),
    rateLimitPerMinute: raw.RATE_LIMIT_PER_MINUTE === undefined ? DEFAULT_RATE_LIMIT_PER_MINUTE : Number(raw.RATE_LIMIT_PER_MINUTE),
  };
}
