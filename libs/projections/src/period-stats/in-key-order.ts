/**
 * A map's values as rows, sorted by their keys, which are built like the table's primary
 * key (unit first): written in this order, the index grows at its end and a unit's rows
 * share pages, so the table needs no CLUSTER afterwards.
 *
 * With `ownerOf` (the key's first part, a unit), only the owners are sorted: each owner's
 * rows follow in the order they came, which keeps them on the same pages and the index's
 * inserts within that owner's few leaves, for a fraction of a full sort (670,000 ledger
 * entries of 10,000 units: ~2 s less).
 */
export function* inKeyOrder<Value>(entries: ReadonlyMap<string, Value>, ownerOf?: (value: Value) => string): Generator<Value> {
  if (!ownerOf) {
    for (const key of [...entries.keys()].sort()) yield entries.get(key)!;
    return;
  }
  const groups = new Map<string, Value[]>();
  for (const value of entries.values()) {
    const owner = ownerOf(value);
    const group = groups.get(owner);
    if (group) group.push(value);
    else groups.set(owner, [value]);
  }
  for (const owner of [...groups.keys()].sort()) yield* groups.get(owner)!;
}
