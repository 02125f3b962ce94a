import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { SqlPool } from '#event-store';
import { READ_POOL } from '../../store/store.tokens.js';

export const REFUSAL_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_refusals (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL,
  actor          text,
  actor_role     text,
  method         text NOT NULL,
  route          text NOT NULL,
  path           text NOT NULL,
  client_address text NOT NULL,
  status         integer NOT NULL,
  code           text,
  request_id     text,
  body_sha256    text
);
`;

/** One refused request: what, when (UTC), where, who, and the outcome. */
export interface Refusal {
  readonly at: string;
  /** The token's subject; null when the caller was not authenticated. */
  readonly actor: string | null;
  readonly actorRole: string | null;
  readonly method: string;
  /** The route pattern (`POST /v1/awards/:awardId/revocation`), or the path when no route matched. */
  readonly route: string;
  readonly path: string;
  readonly clientAddress: string;
  readonly status: number;
  readonly code: string | null;
  readonly requestId: string | null;
  /** SHA-256 of the body sent (not the body: it may be large, or personal data that was refused). */
  readonly bodySha256: string | null;
}

export interface RefusalPage {
  readonly refusals: (Refusal & { readonly id: string })[];
  readonly nextCursor: string | null;
}

interface RefusalRow {
  id: string;
  at: Date;
  actor: string | null;
  actor_role: string | null;
  method: string;
  route: string;
  path: string;
  client_address: string;
  status: number;
  code: string | null;
  request_id: string | null;
  body_sha256: string | null;
}

/**
 * The log of refusals beside the event log: a refused command writes no event, so this is
 * where it leaves its trace. Append-only from the application's side.
 */
@Injectable()
export class RefusalLog implements OnModuleInit {
  private readonly logger = new Logger(RefusalLog.name);

  constructor(@Inject(READ_POOL) private readonly pool: SqlPool) {}

  async onModuleInit(): Promise<void> {
    await this.pool.query(REFUSAL_LOG_SCHEMA);
  }

  /** Records a refusal; a failure to record is logged, never turned into the caller's error. */
  async record(refusal: Refusal): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO audit_refusals (at, actor, actor_role, method, route, path, client_address, status, code, request_id, body_sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [refusal.at, refusal.actor, refusal.actorRole, refusal.method, refusal.route, refusal.path, refusal.clientAddress, refusal.status, refusal.code, refusal.requestId, refusal.bodySha256],
      );
    } catch (error) {
      this.logger.error(`a refusal of ${refusal.route} (${refusal.status}) could not be recorded: ${(error as Error).message}`);
    }
  }

  /** Newest first; `before` is the cursor of the previous page. */
  async list(options: { from?: string | undefined; to?: string | undefined; before?: string | undefined; limit: number }): Promise<RefusalPage> {
    const { rows } = await this.pool.query<RefusalRow>(
      `SELECT * FROM audit_refusals
        WHERE ($1::timestamptz IS NULL OR at >= $1::timestamptz)
          AND ($2::timestamptz IS NULL OR at < $2::timestamptz)
          AND ($3::bigint IS NULL OR id < $3::bigint)
        ORDER BY id DESC LIMIT $4`,
      [options.from ?? null, options.to ?? null, options.before ?? null, options.limit + 1],
    );
    const page = rows.slice(0, options.limit);
    return {
      refusals: page.map((row) => ({
        id: String(row.id),
        at: new Date(row.at).toISOString(),
        actor: row.actor,
        actorRole: row.actor_role,
        method: row.method,
        route: row.route,
        path: row.path,
        clientAddress: row.client_address,
        status: row.status,
        code: row.code,
        requestId: row.request_id,
        bodySha256: row.body_sha256,
      })),
      nextCursor: rows.length > options.limit ? String(page[page.length - 1]!.id) : null,
    };
  }
}
