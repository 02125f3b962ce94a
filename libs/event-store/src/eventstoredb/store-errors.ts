import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyError, StoreUnavailableError, type ExpectedRevision } from '../event-store.port.js';

/** gRPC status codes of a server that cannot be reached or did not answer in time. */
const UNREACHABLE_GRPC_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);

/** The server is down, unreachable, too slow, or handed over leadership: worth retrying. */
export function isTransientStoreError(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof StoreUnavailableError
  ) {
    return true;
  }
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return (typeof code === 'number' && UNREACHABLE_GRPC_CODES.has(code)) || (typeof code === 'string' && UNREACHABLE_SOCKET_CODES.has(code));
}

/** The port's error for a failure of the client; anything unknown passes through unchanged. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (isTransientStoreError(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new StoreUnavailableError(`EventStoreDB unavailable: ${detail}`, { cause: error });
  }
  return error;
}

/** As toStoreError, and a refused expected revision becomes the port's ConcurrencyError. */
export function toAppendError(error: unknown, streamName: string, expected: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion;
    return new ConcurrencyError(streamName, expected, typeof actual === 'bigint' ? actual : 'no_stream');
  }
  return toStoreError(error);
}
