import type { SqlPool } from '#event-store';
import type { Projection } from '../projection.js';

/** Every row of every table of a projection, and its checkpoint, in a stable order: what two builds of its tables compare by. */
export async function readModelSnapshot(pool: SqlPool, projection: Projection): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of [...projection.tables, 'rm_projection_checkpoints']) {
    const columns = table === 'rm_projection_checkpoints' ? 'projection, version, checkpoint, position' : '*';
    const { rows } = await pool.query(`SELECT ${columns} FROM ${table}`);
    tables[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}
