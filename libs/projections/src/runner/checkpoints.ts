import type { SqlClient, SqlPool } from '#event-store';

export interface StoredCheckpoint {
  readonly version: number;
  readonly checkpoint: string;
  readonly position: bigint;
  readonly eventsProcessed: number;
}

export async function readCheckpoint(
  db: Pick<SqlPool, 'query'>,
  projection: string,
  options: { forUpdate?: boolean; schema?: string } = {},
): Promise<StoredCheckpoint | undefined> {
  const table = options.schema ? `"${options.schema}".rm_projection_checkpoints` : 'rm_projection_checkpoints';
  const { rows } = await db.query<{ version: number; checkpoint: string; position: string; events_processed: string }>(
    `SELECT version, checkpoint, position, events_processed FROM ${table} WHERE projection = $1
     ${options.forUpdate ? 'FOR UPDATE' : ''}`,
    [projection],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    version: Number(row.version),
    checkpoint: row.checkpoint,
    position: BigInt(row.position),
    eventsProcessed: Number(row.events_processed),
  };
}

export async function saveCheckpoint(
  tx: SqlClient,
  projection: string,
  version: number,
  checkpoint: string,
  position: bigint,
  processed: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO rm_projection_checkpoints (projection, version, checkpoint, position, events_processed, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (projection) DO UPDATE SET version = EXCLUDED.version, checkpoint = EXCLUDED.checkpoint,
       position = EXCLUDED.position,
       events_processed = rm_projection_checkpoints.events_processed + EXCLUDED.events_processed,
       updated_at = now()`,
    [projection, version, checkpoint, position.toString(), processed],
  );
}
