import { testBackends } from '../../../event-store/src/testing/test-databases.js';
import { openReadModels, READ_MODEL_MIGRATIONS } from '../data-source.js';
import { SubtreeStats1765000000000 } from './1765000000000-subtree-stats.js';

describe.each(testBackends())('the subtree-stats migration on $name', (backend) => {
  it('fills each unit\'s subtree rows with the sums of its current strict descendants\' rows', async () => {
    const db = await backend.create();
    try {
      const dataSource = await openReadModels(db.pool);
      // Back to the state before this migration: the later ones undone too.
      for (let i = READ_MODEL_MIGRATIONS.indexOf(SubtreeStats1765000000000); i < READ_MODEL_MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      // vn ⊃ p1 ⊃ {c1, c2}; c2's rows under two path versions (it moved once).
      await dataSource.query(`INSERT INTO rm_unit_closure (ancestor_id, descendant_id, depth) VALUES
        ('vn','vn',0), ('p1','p1',0), ('c1','c1',0), ('c2','c2',0), ('vn','p1',1), ('p1','c1',1), ('p1','c2',1), ('vn','c1',2), ('vn','c2',2)`);
      const zeros = (n: number) => Array.from({ length: n }, () => '0').join(', ');
      await dataSource.query(`INSERT INTO rm_year_stats (year, unit_id, path_version, field, metric, total, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12) VALUES
        (2024, 'c1', 0, 'economy', 'workdays', 3, 1, 2, ${zeros(10)}),
        (2024, 'c2', 0, 'economy', 'workdays', 0.1, 0.1, ${zeros(11)}),
        (2024, 'c2', 1, 'economy', 'workdays', 0.2, 0.2, ${zeros(11)}),
        (2024, 'p1', 0, 'economy', 'workdays', 10, 10, ${zeros(11)}),
        (2025, 'c1', 0, 'culture', 'contribution:road_km', 1.5, ${zeros(11)}, 1.5)`);
      await dataSource.runMigrations({ transaction: 'each' });
      const rows = await dataSource.query(
        'SELECT ancestor_id, year, field, metric, total::text, m01::text, m02::text, m12::text FROM rm_subtree_stats ORDER BY 1, 2',
      );
      expect(rows).toEqual([
        { ancestor_id: 'p1', year: 2024, field: 'economy', metric: 'workdays', total: '3.3', m01: '1.3', m02: '2', m12: '0' },
        { ancestor_id: 'p1', year: 2025, field: 'culture', metric: 'contribution:road_km', total: '1.5', m01: '0', m02: '0', m12: '1.5' },
        { ancestor_id: 'vn', year: 2024, field: 'economy', metric: 'workdays', total: '13.3', m01: '11.3', m02: '2', m12: '0' },
        { ancestor_id: 'vn', year: 2025, field: 'culture', metric: 'contribution:road_km', total: '1.5', m01: '0', m02: '0', m12: '1.5' },
      ]);
    } finally {
      await db.dispose();
    }
  });
});
