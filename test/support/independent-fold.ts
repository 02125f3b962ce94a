import type { DomainEvent } from '#domain';

/**
 * Statistics of a history worked out straight from its events, with none of the projection's
 * code: what rm_year_stats must hold per metric × recording unit × year, summed over fields
 * and path versions. A projection that applied an event twice, or skipped one, disagrees.
 * Quantities are kept in tenths (road_km has one decimal) so the sums are exact integers.
 */
export function foldStatistics(events: Iterable<DomainEvent>): Map<string, number> {
  const entries = new Map<string, { key: string; tenths: number }>();
  const awards = new Map<string, string>();
  const sums = new Map<string, number>();
  const add = (key: string, tenths: number) => sums.set(key, (sums.get(key) ?? 0) + tenths);

  for (const event of events) {
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'ModelRegistered':
        add(statKey(`models_registered:${String(data.holderKind)}`, data.unitId, data.registeredOn), 10);
        break;
      case 'AwardGranted':
        // Counted "in force": a revocation takes it back out of its grant period.
        awards.set(String(data.awardId), statKey(`awards_granted:${String(data.form)}:${String(data.recipientKind)}`, data.recipientUnitId, data.decidedOn));
        break;
      case 'AwardRevoked':
        awards.delete(String(data.awardId));
        break;
      case 'WorkdaysLogged':
        entries.set(String(data.entryId), { key: statKey('workdays', data.unitId, data.on), tenths: Math.round(Number(data.workdays) * 10) });
        break;
      case 'ContributionRecorded':
        entries.set(String(data.entryId), { key: statKey(`contribution:${String(data.metric)}`, data.unitId, data.on), tenths: Math.round(Number(data.quantity) * 10) });
        break;
      case 'EntryVoided':
        entries.delete(String(data.entryId));
        break;
      default:
        break;
    }
  }
  for (const key of awards.values()) add(key, 10);
  for (const { key, tenths } of entries.values()) add(key, tenths);
  return new Map([...sums].filter(([, tenths]) => tenths !== 0));
}

/** The metrics foldStatistics covers, as a SQL condition on rm_year_stats.metric. */
export const FOLDED_METRICS_SQL = `(metric = 'workdays' OR metric LIKE 'contribution:%' OR metric LIKE 'models_registered:%' OR metric LIKE 'awards_granted:%')`;

export function statKey(metric: string, unitId: unknown, day: unknown): string {
  return `${metric}|${String(unitId)}|${String(day).slice(0, 4)}`;
}
