import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { SqlPool } from '#event-store';
import { ApiError } from '../../infrastructure/index.js';
import { READ_POOL } from '../../store/store.tokens.js';
import { isCommandAnswer, type CommandAnswer } from './command-answer.js';
import type { IdempotencyRequest } from './command-meta.js';

export const IDEMPOTENCY_SCHEMA = `
CREATE TABLE IF NOT EXISTS command_idempotency (
  key          text PRIMARY KEY,
  request_hash text NOT NULL,
  response     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
`;

interface IdempotencyRow {
  request_hash: string;
  response: unknown;
}

/**
 * The first answer to each Idempotency-Key, in the read database. Only successes are
 * kept: a refused command wrote nothing, so its retry is simply decided again.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  constructor(@Inject(READ_POOL) private readonly pool: SqlPool) {}

  async onModuleInit(): Promise<void> {
    await this.migrate();
  }

  /** Creates the table when missing; safe on every start. */
  async migrate(): Promise<void> {
    await this.pool.query(IDEMPOTENCY_SCHEMA);
  }

  /** The stored answer for this key and request; 409 when the key came with another request. */
  async find(request: IdempotencyRequest): Promise<CommandAnswer | undefined> {
    const { rows } = await this.pool.query<IdempotencyRow>(
      'SELECT request_hash, response FROM command_idempotency WHERE key = $1',
      [request.key],
    );
    const row = rows[0];
    return row === undefined ? undefined : answerOf(row, request);
  }

  /**
   * Keeps the answer unless another one got there first; either way answers what is
   * stored, so two racing retries of one request answer alike.
   */
  async remember(request: IdempotencyRequest, answer: CommandAnswer): Promise<CommandAnswer> {
    await this.pool.query(
      `INSERT INTO command_idempotency (key, request_hash, response) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (key) DO NOTHING`,
      [request.key, request.requestHash, JSON.stringify(answer)],
    );
    const stored = await this.find(request);
    if (stored === undefined) throw new Error(`The answer to Idempotency-Key ${request.key} was not stored`);
    return stored;
  }
}

function answerOf(row: IdempotencyRow, request: IdempotencyRequest): CommandAnswer {
  if (row.request_hash !== request.requestHash) {
    throw new ApiError(
      HttpStatus.CONFLICT,
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with another request; use a new key for a new request',
    );
  }
  const response: unknown = typeof row.response === 'string' ? JSON.parse(row.response) : row.response;
  if (!isCommandAnswer(response)) throw new Error(`The stored answer to Idempotency-Key ${request.key} is malformed`);
  return response;
}
