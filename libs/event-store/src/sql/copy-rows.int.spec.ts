import { testBackends } from '../testing/test-databases.js';
import { copyRows, copyText, CopyText, type CopyValue } from './copy-rows.js';
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

  it('holds rows as COPY text until a transaction sends them, once; a row the table refuses fails the transaction', async () => {
    const db = await backend.create();
    try {
      await db.pool.query('CREATE TABLE held (id integer PRIMARY KEY, label text)');
      const text = new CopyText();
      for (let i = 0; i < 20_000; i++) text.write([i, i % 1000 === 0 ? `dòng\t${i}` : `dòng ${i}`]);
      await inTransaction(db.pool, async (tx) => {
        await tx.query('TRUNCATE held');
        await copyText(tx, 'held', ['id', 'label'], text, { freeze: true });
        // Given up: sent again, it writes nothing.
        await copyText(tx, 'held', ['id', 'label'], text);
      });
      const { rows } = await db.pool.query<{ n: string; tabbed: string }>("SELECT count(*) AS n, max(label) FILTER (WHERE id = 3000) AS tabbed FROM held");
      expect(rows[0]).toEqual({ n: '20000', tabbed: 'dòng\t3000' });

      text.write([20_000, 'new']);
      text.write([5, 'a duplicate']);
      await expect(inTransaction(db.pool, (tx) => copyText(tx, 'held', ['id', 'label'], text))).rejects.toThrow(/duplicate key/);
      const { rows: after } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM held');
      expect(after[0]!.n).toBe('20000');
    } finally {
      await db.dispose();
    }
  });
});
