import {
  formatPeriodKey,
  parsePeriodKey,
  rangeOf,
  type PhaseSpan,
} from '#domain';
import type { DataSource } from 'typeorm';
import { totalsByField, totalsOf, type MetricSum } from './stats-totals.js';
import { MONTH_COLUMNS, SUM_COLUMNS, yearSpansFor, type YearSpan } from '../stats-periods.js';
import { PhaseSpans } from './phase-spans.js';
import { unitNotFound } from './unit-lookup.js';
import type { PeriodView, StatsSeriesPointView, StatsView, UnitRefView } from './views.js';

interface SumRow {
  readonly unit_name: string;
  /** The requested period's index; null on the one row of a unit whose subtree has no sums. */
  readonly period_index: number | string | null;
  readonly field: string;
  readonly metric: string;
  readonly value: string;
  /** 1 on the rows summed over every field (the totals), 0 on the per-field rows. */
  readonly all_fields: number | string;
}

/**
 * Which unit tree a subtree sum follows: `current` (merged units count under the unit they
 * merged into) or `as-recorded` (each fact under the ancestors its unit had when the fact
 * was recorded).
 */
export type Boundaries = 'current' | 'as-recorded';

/**
 * What a request's spans need from each year of the subtree: whole years (a phase of whole
 * years, a year) only its total, a fifth of the sums (~30 % faster); parts of years their months too.
 */
type YearParts = 'totals' | 'months';

/** Whether an answer breaks its totals down by field (a period's stats) or not (a series). */
type Breakdown = 'by-field' | 'overall';

const yearSums = (parts: YearParts, groups: string): string =>
  `${groups}, SUM(s.total) AS total${parts === 'months' ? `, ${MONTH_COLUMNS.map((column) => `SUM(s.${column}) AS ${column}`).join(', ')}` : ''}`;

/**
 * Spans come as $1 (year), $3 and $4 (the first and last part of the year they take) and
 * $5 (the index of the requested period they add to). Whole years (`totals`) take each
 * year's total; otherwise (`months`) a span takes, by an equality join, part 0 of a whole
 * year (its total) or the months 1-12 of a partial one: a sum of 12 CASEs per span and year
 * was twice as slow.
 */
const SPANS = `unnest($1::int[], $3::int[], $4::int[], $5::int[]) AS k(year, first, last, requested)`;
const SPAN_SUMS: Record<YearParts, { spans: string; join: string; value: string }> = {
  totals: { spans: `SELECT k.year, k.requested FROM ${SPANS}`, join: 'y JOIN k ON k.year = y.year', value: 'y.total' },
  months: {
    spans: `SELECT k.year, k.requested, p.part FROM ${SPANS}, LATERAL generate_series(k.first, k.last) AS p(part)`,
    join: `y CROSS JOIN LATERAL (VALUES (0, y.total)${MONTH_COLUMNS.map((column, index) => `, (${index + 1}, y.${column})`).join('')}) AS p(part, value)
    JOIN k ON k.year = y.year AND k.part = p.part`,
    value: 'p.value',
  },
};

const isWholeYear = (span: YearSpan): boolean => span.first === 1 && span.last === 12;

/** The parts of its year a span takes: 0 (the total) for the whole year, else its months. */
const partsOf = (span: YearSpan): { first: number; last: number } => (isWholeYear(span) ? { first: 0, last: 0 } : span);

/**
 * Two steps, so a series of 60 months costs about what one phase does: the subtree's rows
 * are summed once per year × field × metric (total and, when needed, each month), then every
 * requested span (see stats-periods.ts) adds what it covers of those few sums. With a
 * breakdown, GROUPING SETS yields both the per-field sums and the sums over all fields;
 * without (a series: 60 periods), only the latter, grouped by metric from the start. All in
 * exact numeric arithmetic, so 0.1 km and 0.2 km read 0.3. The unit's name comes in the
 * same answer, on every row (one row with no sums when its subtree has none, no row when
 * there is no such unit): a query is one round trip.
 */
const sumsSql = (subtreeRows: (columns: string) => string, parts: YearParts, breakdown: Breakdown): string => {
  const groups = breakdown === 'by-field' ? 's.year, s.field, s.metric' : 's.year, s.metric';
  const { spans, join, value } = SPAN_SUMS[parts];
  return `
  WITH y AS (${subtreeRows(yearSums(parts, groups))} AND s.year = ANY($1::int[]) GROUP BY ${groups}),
  k AS (${spans}),
  sums AS (
  SELECT k.requested AS period_index, ${breakdown === 'by-field' ? 'y.field' : 'NULL AS field'}, y.metric,
         SUM(${value})::text AS value,
         ${breakdown === 'by-field' ? 'GROUPING(y.field)' : '1'} AS all_fields
    FROM ${join}
   GROUP BY ${breakdown === 'by-field' ? 'GROUPING SETS ((k.requested, y.field, y.metric), (k.requested, y.metric))' : 'k.requested, y.metric'})
  SELECT u.name AS unit_name, sums.* FROM rm_units u LEFT JOIN sums ON true WHERE u.unit_id = $2`;
};

const STORED = `year, field, metric, ${SUM_COLUMNS.join(', ')}`;

/**
 * `current` sums the unit's own rows and its subtree rows (its current descendants' sums,
 * kept per ancestor by the projection; a merge moves them), so a province or the whole
 * country reads about as many rows as a commune; `as-recorded` joins each row of the
 * subtree's units with its recorded path version.
 */
const SUBTREE_ROWS: Record<Boundaries, (columns: string) => string> = {
  current: (columns) =>
    `SELECT ${columns} FROM (SELECT ${STORED} FROM rm_year_stats WHERE unit_id = $2
                             UNION ALL SELECT ${STORED} FROM rm_subtree_stats WHERE ancestor_id = $2) s WHERE true`,
  'as-recorded': (columns) =>
    `SELECT ${columns} FROM rm_year_stats s
       JOIN rm_unit_path_closure p ON p.descendant_id = s.unit_id AND p.path_version = s.path_version
      WHERE p.ancestor_id = $2`,
};

const SUMS_SQL = new Map<string, string>();
for (const boundaries of ['current', 'as-recorded'] as const) {
  for (const parts of ['totals', 'months'] as const) {
    for (const breakdown of ['by-field', 'overall'] as const) {
      SUMS_SQL.set(`${boundaries}/${parts}/${breakdown}`, sumsSql(SUBTREE_ROWS[boundaries], parts, breakdown));
    }
  }
}

interface PeriodSums {
  readonly totals: MetricSum[];
  readonly byField: (MetricSum & { readonly field: string })[];
}

export class StatsReader {
  private readonly phaseSpans: PhaseSpans;

  constructor(private readonly dataSource: DataSource) {
    this.phaseSpans = new PhaseSpans(dataSource);
  }

  /**
   * Totals of one period for a unit's current subtree, overall and by field. Throws
   * DomainError PERIOD_KEY_INVALID (malformed key), PHASE_NOT_FOUND or UNIT_NOT_FOUND (a
   * request naming neither a known phase nor a known unit answers the first).
   */
  async stats(unitId: string, periodKey: string, boundaries: Boundaries = 'current'): Promise<StatsView> {
    const key = parsePeriodKey(periodKey);
    const canonical = formatPeriodKey(key);
    const phases = key.kind === 'phase' ? await this.phaseSpans.of([key.phaseId]) : [];
    const period = periodView(canonical, phases);
    const { unit, sums } = await this.sums([canonical], unitId, boundaries, phases, 'by-field');
    const own = sums.get(canonical);
    return {
      period,
      unit,
      totals: totalsOf(own?.totals ?? []),
      byField: totalsByField(own?.byField ?? []),
    };
  }

  /**
   * Totals per period, in the order of `periodKeys` (calendar keys, e.g. from #domain's
   * `seriesKeys`), for a unit's current subtree. Throws UNIT_NOT_FOUND.
   */
  async series(
    unitId: string,
    periodKeys: readonly string[],
    boundaries: Boundaries = 'current',
  ): Promise<{ unit: UnitRefView; series: StatsSeriesPointView[] }> {
    const keys = periodKeys.map((k) => formatPeriodKey(parsePeriodKey(k)));
    const phaseIds = keys.flatMap((k) => {
      const parsed = parsePeriodKey(k);
      return parsed.kind === 'phase' ? [parsed.phaseId] : [];
    });
    const phases = phaseIds.length > 0 ? await this.phaseSpans.of(phaseIds) : [];
    const periods = keys.map((k) => periodView(k, phases));
    const { unit, sums } = await this.sums(keys, unitId, boundaries, phases, 'overall');
    return {
      unit,
      series: periods.map((period) => ({ period, totals: totalsOf(sums.get(period.key)?.totals ?? []) })),
    };
  }

  private async sums(
    periodKeys: readonly string[],
    unitId: string,
    boundaries: Boundaries,
    phases: readonly PhaseSpan[],
    breakdown: Breakdown,
  ): Promise<{ unit: UnitRefView; sums: Map<string, PeriodSums> }> {
    const spans = periodKeys.flatMap((key, requested) => yearSpansFor(key, phases).map((span) => ({ ...span, requested })));
    const parts: YearParts = spans.every(isWholeYear) ? 'totals' : 'months';
    const taken = spans.map(partsOf);
    const rows: SumRow[] = await this.dataSource.query(SUMS_SQL.get(`${boundaries}/${parts}/${breakdown}`)!, [
      spans.map((span) => span.year),
      unitId,
      taken.map((span) => span.first),
      taken.map((span) => span.last),
      spans.map((span) => span.requested),
    ]);
    if (rows.length === 0) throw unitNotFound(unitId, 'unit');
    const byPeriod = new Map<string, PeriodSums>();
    for (const row of rows) {
      if (row.period_index === null) continue;
      const key = periodKeys[Number(row.period_index)]!;
      let sums = byPeriod.get(key);
      if (sums === undefined) {
        sums = { totals: [], byField: [] };
        byPeriod.set(key, sums);
      }
      if (Number(row.all_fields) === 1) sums.totals.push({ metric: row.metric, value: row.value });
      else sums.byField.push({ field: row.field, metric: row.metric, value: row.value });
    }
    return { unit: { id: unitId, name: rows[0]!.unit_name }, sums: byPeriod };
  }
}

function periodView(key: string, phases: readonly PhaseSpan[]): PeriodView {
  const range = rangeOf(key, phases);
  return { key, from: range.from, to: range.to };
}

