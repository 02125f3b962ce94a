/**
 * Whether an error of node-postgres (or of TypeORM over it) means the PostgreSQL server
 * could not be reached or dropped the session: the request may succeed once it is back,
 * unlike a failed statement. The API answers these 503 STORE_UNAVAILABLE.
 */
export function isConnectionFailure(error: unknown): boolean {
  return isFailure(error, 0);
}

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATE of a server shutting down, restarting or refusing sessions (class 08: connection exception). */
const SERVER_GONE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres and pg-pool report these without a code. */
const CLIENT_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect$/, /^Client has encountered a connection error and is not queryable$/, /^Cannot use a pool after calling end on the pool$/];

function isFailure(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, errors, driverError, cause } = error as { code?: unknown; message?: unknown; errors?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || code.startsWith('08') || SERVER_GONE_STATES.has(code))) return true;
  if (typeof message === 'string' && CLIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // Node reports a refused connection to every address of a host as an AggregateError.
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => isFailure(inner, depth + 1))) return true;
  // TypeORM's QueryFailedError keeps the driver's error.
  return isFailure(driverError, depth + 1) || isFailure(cause, depth + 1);
}
