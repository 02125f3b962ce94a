import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';
import { assignRequestId } from '../request-context/request-id.js';
import type { RequestWithId } from '../request-context/request-id.js';

/** Secrets that arrive in headers; censored wherever pino serialises a request or response. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
];

/** Probes and scrapers call every few seconds; a line each would drown the real traffic. */
const QUIET_PATHS = /^\/(health\/(live|ready)|metrics)(\?|$)/;

export interface LoggerParamsOptions {
  /** Defaults to process.env.NODE_ENV; `test` silences logging. */
  readonly nodeEnv?: string | undefined;
  /** Where lines go; defaults to stdout. */
  readonly destination?: DestinationStream;
}

export function loggerParams(config: Pick<AppConfig, 'logLevel'>, options: LoggerParamsOptions = {}): Params {
  const nodeEnv = 'nodeEnv' in options ? options.nodeEnv : process.env['NODE_ENV'];
  const pinoHttp: Options = {
    level: nodeEnv === 'test' ? 'silent' : config.logLevel,
    // The same id the X-Request-Id middleware chose, whichever of the two runs first.
    genReqId: (request: IncomingMessage, response: ServerResponse) => assignRequestId(request as RequestWithId, response),
    customAttributeKeys: { reqId: 'requestId' },
    // Lines written while handling a request carry its `requestId` without repeating the
    // whole request; the one "request completed" line still has it in full.
    quietReqLogger: true,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // pino-http logs failed requests at its default level; make them findable by level.
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.test(request.url ?? '') },
  };
  // Synchronous: on SIGTERM Nest runs the shutdown hooks, then raises the signal again, and
  // the process ends without the 'exit' event that flushes an asynchronous stream. The last
  // lines ("lease released", "projections stopped") were lost under load.
  return { pinoHttp: [pinoHttp, options.destination ?? pino.destination({ dest: 1, sync: true })] };
}
