import {
  AwardEntity,
  ModelEntity,
  PhaseEntity,
  UnitClosureEntity,
  UnitEntity,
  MONTH_COLUMNS,
} from '#read-models';
import { parsePeriodKey } from '#domain';
import type { DataSource } from 'typeorm';

// Test data written straight into the read-model tables (the projection's job in the
// running system), through the entities, which also checks their column mapping.

export interface UnitSeed {
  readonly id: string;
  readonly name?: string;
  readonly kind?: string;
  /** Parent in the current tree. */
  readonly parentId?: string | null;
  readonly registeredParentId?: string | null;
  readonly mergedInto?: string | null;
  readonly mergedOn?: string | null;
}

/** Inserts units and the closure of their current tree (self rows at depth 0 included). */
export async function seedUnits(dataSource: DataSource, units: readonly UnitSeed[]): Promise<void> {
  await dataSource.getRepository(UnitEntity).insert(
    units.map((u) => ({
      unitId: u.id,
      name: u.name ?? `Unit ${u.id}`,
      kind: u.kind ?? 'other',
      registeredParentId: u.registeredParentId === undefined ? (u.parentId ?? null) : u.registeredParentId,
      parentId: u.parentId ?? null,
      mergedInto: u.mergedInto ?? null,
      mergedOn: u.mergedOn ?? null,
      mergeDecisionNo: null,
    })),
  );
  const parentOf = new Map(units.map((u) => [u.id, u.parentId ?? null]));
  const closure: UnitClosureEntity[] = [];
  for (const unit of units) {
    let ancestor: string | null = unit.id;
    for (let depth = 0; ancestor !== null; depth++) {
      closure.push({ ancestorId: ancestor, descendantId: unit.id, depth });
      ancestor = parentOf.get(ancestor) ?? null;
    }
  }
  await dataSource.getRepository(UnitClosureEntity).insert(closure);
}

export async function seedPhases(
  dataSource: DataSource,
  phases: readonly { phaseId: string; name?: string; startsOn: string; endsOn: string }[],
): Promise<void> {
  await dataSource
    .getRepository(PhaseEntity)
    .insert(phases.map((p) => ({ ...p, name: p.name ?? `Giai đoạn ${p.phaseId}` })));
}

/** [periodKey, unitId, field, metric, value] */
export type StatSeed = readonly [string, string, string, string, string | number];

/**
 * A `year:` seed sets the year row's total, a `month:` seed one of its months: each period
 * a test asks for then reads exactly the seeds of that period (no other key is accepted).
 * Each seed is added at its unit (rm_year_stats) and, as the projection does, at the unit's
 * strict ancestors in the seeded tree (rm_subtree_stats): seed the units first.
 */
export async function seedStats(dataSource: DataSource, rows: readonly StatSeed[]): Promise<void> {
  const zeros = MONTH_COLUMNS.map(() => '0').join(', ');
  for (const [periodKey, unitId, field, metric, value] of rows) {
    const key = parsePeriodKey(periodKey);
    if (key.kind !== 'year' && key.kind !== 'month') throw new Error(`seedStats takes year: and month: keys, not ${periodKey}`);
    const column = key.kind === 'year' ? 'total' : MONTH_COLUMNS[key.month - 1]!;
    const row = [key.year, unitId, field, metric];
    const amount = [...row, String(value)];
    await dataSource.query(
      `INSERT INTO rm_year_stats (year, unit_id, path_version, field, metric, total, ${MONTH_COLUMNS.join(', ')})
       VALUES ($1, $2, 0, $3, $4, 0, ${zeros})
       ON CONFLICT (year, unit_id, path_version, field, metric) DO NOTHING`,
      row,
    );
    await dataSource.query(
      `UPDATE rm_year_stats SET ${column} = ${column} + $5::numeric
        WHERE year = $1 AND unit_id = $2 AND path_version = 0 AND field = $3 AND metric = $4`,
      amount,
    );
    await dataSource.query(
      `INSERT INTO rm_subtree_stats (ancestor_id, year, field, metric, total, ${MONTH_COLUMNS.join(', ')})
       SELECT ancestor_id, $1, $3, $4, 0, ${zeros} FROM rm_unit_closure WHERE descendant_id = $2 AND depth > 0
       ON CONFLICT (ancestor_id, year, field, metric) DO NOTHING`,
      row,
    );
    await dataSource.query(
      `UPDATE rm_subtree_stats SET ${column} = ${column} + $5::numeric
        WHERE year = $1 AND field = $3 AND metric = $4
          AND ancestor_id IN (SELECT ancestor_id FROM rm_unit_closure WHERE descendant_id = $2 AND depth > 0)`,
      amount,
    );
  }
}

export function modelRow(modelId: string, overrides: Partial<ModelEntity> = {}): ModelEntity {
  return {
    modelId,
    unitId: 'tuyen-quang',
    title: `Mô hình ${modelId}`,
    field: 'economy',
    holderKind: 'collective',
    holderName: `Tập thể ${modelId}`,
    registeredOn: '2024-03-01',
    status: 'registered',
    recognizedOn: null,
    recognizedBy: null,
    recognitionDecision: null,
    exemplaryOn: null,
    exemplaryBy: null,
    exemplaryDecision: null,
    withdrawnOn: null,
    withdrawalReason: null,
    position: '1',
    ...overrides,
  };
}

export async function seedModels(dataSource: DataSource, models: readonly ModelEntity[]): Promise<void> {
  await dataSource.getRepository(ModelEntity).insert([...models]);
}

export function awardRow(awardId: string, overrides: Partial<AwardEntity> = {}): AwardEntity {
  return {
    awardId,
    recipientKind: 'individual',
    recipientName: `Người ${awardId}`,
    recipientUnitId: 'tuyen-quang',
    form: 'bang_khen',
    issuerUnitId: 'qk2',
    decisionNo: '1290/QĐ-BTL',
    decidedOn: '2024-06-30',
    movement: 'dan_van_kheo',
    modelId: null,
    field: 'unclassified',
    status: 'granted',
    revokedOn: null,
    revocationDecisionNo: null,
    revocationReason: null,
    pathVersion: 0,
    position: '1',
    ...overrides,
  };
}

export async function seedAwards(dataSource: DataSource, awards: readonly AwardEntity[]): Promise<void> {
  await dataSource.getRepository(AwardEntity).insert([...awards]);
}

/**
 * The tree most suites use: qk2 > tuyen-quang > lam-binh; qk2 > yen-bai; ha-giang was
 * registered under qk2 and merged into tuyen-quang (so it now sits under it); qk3 is
 * another root.
 */
export const STANDARD_UNITS: readonly UnitSeed[] = [
  { id: 'qk2', name: 'Quân khu 2', kind: 'military_region' },
  { id: 'tuyen-quang', name: 'Tuyên Quang', kind: 'province', parentId: 'qk2' },
  { id: 'lam-binh', name: 'Lâm Bình', kind: 'district', parentId: 'tuyen-quang' },
  { id: 'na-hang', name: 'Na Hang', kind: 'district', parentId: 'tuyen-quang' },
  { id: 'yen-bai', name: 'Yên Bái', kind: 'province', parentId: 'qk2' },
  {
    id: 'ha-giang',
    name: 'Hà Giang',
    kind: 'province',
    parentId: 'tuyen-quang',
    registeredParentId: 'qk2',
    mergedInto: 'tuyen-quang',
    mergedOn: '2025-07-01',
  },
  { id: 'qk3', name: 'Quân khu 3', kind: 'military_region' },
];
