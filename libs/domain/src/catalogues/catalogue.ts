/** A catalogue entry: a stable code and its Vietnamese label (NFC). */
export type CatalogueEntry<Code extends string = string> = Readonly<{ code: Code; label: string }>;

export const codesOf = <Code extends string>(
  entries: readonly CatalogueEntry<Code>[],
): readonly Code[] => entries.map((e) => e.code);

export const labelOf = <Code extends string>(
  entries: readonly CatalogueEntry<Code>[],
  code: string,
): string | undefined => entries.find((e) => e.code === code)?.label;
