/**
 * A map's rows sorted by their keys, which are built like the table's primary key (unit
 * first): written in this order, the index grows at its end and a unit's rows share pages,
 * so the table needs no CLUSTER afterwards. Code-unit order, not the database collation:
 * close enough for both.
 */
export function inKeyOrder<Row>(rows: ReadonlyMap<string, Row>): Row[] {
  return [...rows.keys()].sort().map((key) => rows.get(key)!);
}
