/**
 * The log's tables. `tx_id` records the writing transaction so readers of the global order
 * can hold back events whose transaction might still be followed by an older, not yet
 * committed one (see `visibleBelow`). SQL kept within what PostgreSQL 15 and PGlite (18)
 * both accept.
 */
export const EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS es_events (
  position        bigserial PRIMARY KEY,
  tx_id           bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  event_id        uuid NOT NULL UNIQUE,
  stream_name     text NOT NULL,
  stream_revision bigint NOT NULL,
  type            text NOT NULL,
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_name, stream_revision)
);
CREATE INDEX IF NOT EXISTS es_events_global_order ON es_events (tx_id, position);
CREATE TABLE IF NOT EXISTS es_streams (
  stream_name text PRIMARY KEY,
  revision    bigint NOT NULL
);
`;
