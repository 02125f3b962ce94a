import { postgresBackend, type TestDatabase } from '../testing/test-databases.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { withMigrationLock } from './migration-lock.js';

/** Advisory locks: PostgreSQL server only. */
const url = process.env.DATABASE_URL;

(url ? describe : describe.skip)('withMigrationLock (PostgreSQL server)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await postgresBackend(url!).create();
  });

  afterAll(async () => {
    await db.dispose();
  });

  it('lets processes starting together migrate one after the other', async () => {
    const order: string[] = [];
    const migrate = (name: string) => async () => {
      order.push(`${name} starts`);
      await new PostgresEventStore(db.pool).migrate();
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([withMigrationLock(db.openAnother!(), migrate('a')), withMigrationLock(db.openAnother!(), migrate('b'))]);
    expect(results).toEqual(['a', 'b']);
    // Never interleaved.
    expect([order.slice(0, 2), order.slice(2)].map((pair) => pair.map((step) => step.split(' ')[1]))).toEqual([['starts', 'ends'], ['starts', 'ends']]);
    expect(order[0]!.split(' ')[0]).toBe(order[1]!.split(' ')[0]);
  });
});
