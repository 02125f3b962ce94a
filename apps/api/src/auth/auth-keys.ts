import type { AppConfig } from '../infrastructure/config/app-config.js';
import { generatedSecret } from './generated-secret.js';

/** What tokens are verified with; at least one of the three key sources is set. */
export interface AuthKeys {
  readonly hs256Secret: string | undefined;
  readonly rs256PublicKey: string | undefined;
  readonly jwksUrl: string | undefined;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
}

type AuthConfig = Pick<
  AppConfig,
  'storeMode' | 'dataDir' | 'authJwtSecret' | 'authJwtPublicKey' | 'authJwksUrl' | 'authJwtIssuer' | 'authJwtAudience'
>;

/**
 * The configured keys. Only the embedded default generates a secret: API instances on a
 * shared server must share their key, so there a missing one stops start-up instead of
 * each instance inventing its own.
 */
export async function resolveAuthKeys(config: AuthConfig): Promise<AuthKeys> {
  const configured = config.authJwtSecret ?? config.authJwtPublicKey ?? config.authJwksUrl;
  if (configured === undefined && config.storeMode !== 'embedded') {
    throw new Error('Invalid configuration: AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL is required with DATABASE_URL');
  }
  return {
    hs256Secret: configured === undefined ? await generatedSecret(config.dataDir) : config.authJwtSecret,
    rs256PublicKey: config.authJwtPublicKey,
    jwksUrl: config.authJwksUrl,
    issuer: config.authJwtIssuer,
    audience: config.authJwtAudience,
  };
}
