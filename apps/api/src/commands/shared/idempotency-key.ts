import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../../infrastructure/index.js';
import { sha256Hex } from './deterministic-id.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** 1-200 printable ASCII characters (space to tilde). */
const ACCEPTED_KEY = /^[\x20-\x7e]{1,200}$/;

/** The header's key; undefined when not sent; a 400 when malformed. */
export function parseIdempotencyKey(value: string | readonly string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && ACCEPTED_KEY.test(value)) return value;
  throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request is not valid', [
    { field: IDEMPOTENCY_KEY_HEADER, message: 'must be 1 to 200 printable ASCII characters' },
  ]);
}

/** JSON with object keys sorted at every level: equal bodies give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}

/**
 * What "the same request" means for an Idempotency-Key: the same method, path (without
 * query string or trailing slash) and JSON body, whatever the order of its keys.
 */
export function requestHash(method: string, path: string, body: unknown): string {
  const bare = (path.split('?')[0] ?? '').replace(/(.)\/+$/, '$1');
  return sha256Hex(JSON.stringify([method.toUpperCase(), bare, canonicalJson(body ?? null)]));
}
