/**
 * A map's entries as rows, sorted by their keys, which are built like the table's primary
 * key (unit first): written in this order, the index grows at its end and a unit's rows
 * share pages, so the table needs no CLUSTER afterwards. Lazy: one row exists at a time.
 */
export function* inKeyOrder<Value, Row = Value>(
  entries: ReadonlyMap<string, Value>,
  toRow: (key: string, value: Value) => Row = (_, value) => value as unknown as Row,
): Generator<Row> {
  for (const key of [...entries.keys()].sort()) yield toRow(key, entries.get(key)!);
}
