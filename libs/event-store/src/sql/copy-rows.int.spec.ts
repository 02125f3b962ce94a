import { testBackends } from '../testing/test-databases.js';
import { copyRows, openCopy, type CopyValue } from './copy-rows.js';
import { inTransaction } from './sql-pool.js';

describe.each(testBackends())('copyRows on $name', (backend) => {
  it('loads every value as written: escapes, NULL, Unicode, numbers, dates and booleans, in the caller’s transaction', async () => {
    const db = await backend.create();
    try {
      await db.pool.query('CREATE TABLE copied (id integer PRIMARY KEY, label text, amount numeric, on_date date, flag boolean)');
      const rows: CopyValue[][] = [
        [1, 'Nguyễn Thị Hoa', '0.3', '2024-07-27', true],
        [2, 'tab\there, newline\nthere, back\\slash, CR\r', '-12.5', null, false],
        [3, null, '1000000', '2021-01-01', null],
        [4, '\\N is text here', '0', '2030-12-31', true],
      ];
      const many = Array.from({ length: 5000 }, (_, i): CopyValue[] => [100 + i, `hàng ${i}`, String(i / 4), '2025-06-15', i % 2 === 0]);
      await inTransaction(db.pool, (tx) => copyRows(tx, 'copied', ['id', 'label', 'amount', 'on_date', 'flag'], [...rows, ...many]));
      const { rows: read } = await db.pool.query<{ id: number; label: string | null; amount: string; on_date: string | null; flag: boolean | null }>(
        'SELECT id, label, amount::text AS amount, on_date::text AS on_date, flag FROM copied WHERE id < 100 ORDER BY id',
      );
      expect(read.map((r) => [Number(r.id), r.label, r.amount, r.on_date, r.flag])).toEqual(rows);
      const { rows: counted } = await db.pool.query<{ n: string; total: string }>('SELECT count(*) AS n, trim_scale(sum(amount))::text AS total FROM copied WHERE id >= 100');
      expect(counted[0]).toEqual({ n: '5000', total: String((4999 * 5000) / 2 / 4) });

      // Rolled back with the transaction it ran in.
      await expect(
        inTransaction(db.pool, async (tx) => {
          await copyRows(tx, 'copied', ['id', 'label'], [[9000, 'x']]);
          throw new Error('abandon');
        }),
      ).rejects.toThrow('abandon');
      expect((await db.pool.query('SELECT 1 FROM copied WHERE id = 9000')).rows).toEqual([]);

      // Frozen rows only into a table emptied in the same transaction, as PostgreSQL requires.
      await expect(inTransaction(db.pool, (tx) => copyRows(tx, 'copied', ['id'], [[9001]], { freeze: true }))).rejects.toThrow(/FREEZE/);
      await inTransaction(db.pool, async (tx) => {
        await tx.query('TRUNCATE copied');
        await copyRows(tx, 'copied', ['id', 'label'], [[1, 'đóng băng']], { freeze: true });
      });
      expect((await db.pool.query('SELECT id, label FROM copied')).rows.map((r) => [Number(r.id), r.label])).toEqual([[1, 'đóng băng']]);
    } finally {
      await db.dispose();
    }
  });

  it('streams rows written a few at a time while other work goes on, and fails or is abandoned without leaving any', async () => {
    const db = await backend.create();
    try {
      await db.pool.query('CREATE TABLE streamed (id integer PRIMARY KEY, label text)');
      await inTransaction(db.pool, async (tx) => {
        await tx.query('TRUNCATE streamed');
        const writer = openCopy(tx, 'streamed', ['id', 'label'], { freeze: true });
        for (let i = 0; i < 20_000; i++) {
          writer.write([i, `dòng ${i}`]);
          if (i % 500 === 0) await writer.drained();
        }
        await writer.end();
        // The connection is free again for the rest of the transaction.
        await tx.query('INSERT INTO streamed VALUES (-1, $1)', ['sau']);
      });
      const { rows } = await db.pool.query<{ n: string; last: string }>("SELECT count(*) AS n, max(label) FILTER (WHERE id = 19999) AS last FROM streamed");
      expect(rows[0]).toEqual({ n: '20001', last: 'dòng 19999' });

      // A row the table refuses fails the COPY, and the transaction rolls back.
      await expect(
        inTransaction(db.pool, async (tx) => {
          const writer = openCopy(tx, 'streamed', ['id', 'label']);
          for (let i = 0; i < 3; i++) writer.write([100_000 + i, 'new']);
          writer.write([5, 'a duplicate']);
          await writer.drained();
          await writer.end();
        }),
      ).rejects.toThrow(/duplicate key/);
      // Abandoned half-way (the work beside it failed): the connection rolls back and stays usable.
      const abandoned = inTransaction(db.pool, async (tx) => {
        const writer = openCopy(tx, 'streamed', ['id', 'label']);
        for (let i = 0; i < 5000; i++) writer.write([200_000 + i, 'abandoned']);
        await writer.abort(new Error('the fold failed'));
        throw new Error('the fold failed');
      });
      await expect(abandoned).rejects.toThrow('the fold failed');
      const { rows: after } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM streamed WHERE id >= 100000');
      expect(after[0]!.n).toBe('0');
    } finally {
      await db.dispose();
    }
  });
});
