import { testBackends } from '../../../event-store/src/testing/test-databases.js';
import { openReadModels } from '../data-source.js';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
}

describe.each(testBackends())('read-model entities on $name', (backend) => {
  it('map every column of every rm_ table, with its type and nullability, and nothing else', async () => {
    const db = await backend.create();
    try {
      const dataSource = await openReadModels(db.pool);
      const columns: ColumnRow[] = await dataSource.query(
        `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name LIKE 'rm\\_%' AND table_name <> 'rm_migrations'`,
      );
      const inDatabase = columns
        .map((c) => `${c.table_name}.${c.column_name} ${c.data_type}${c.is_nullable === 'YES' ? ' null' : ''}`)
        .sort();
      const normalise: Record<string, string> = { integer: 'integer', bigint: 'bigint', timestamptz: 'timestamp with time zone' };
      const mapped = dataSource.entityMetadatas
        .flatMap((entity) =>
          entity.columns.map((column) => {
            const type = String(column.type);
            return `${entity.tableName}.${column.databaseName} ${normalise[type] ?? type}${column.isNullable ? ' null' : ''}`;
          }),
        )
        .sort();
      expect(mapped).toEqual(inDatabase);
    } finally {
      await db.dispose();
    }
  });
});
