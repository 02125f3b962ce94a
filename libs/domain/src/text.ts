/** Unicode NFC, trimmed: the form every text field is stored in. */
export const nfc = (value: string): string => value.normalize('NFC').trim();

/** Runs of whitespace become one space. */
export const collapseWhitespace = (value: string): string => value.replace(/\s+/gu, ' ');

/**
 * The comparison form of a name or a decision number: NFC, trimmed, whitespace
 * collapsed and lower-cased (Vietnamese has no locale-specific case rules, so the
 * locale-independent `toLowerCase` is exact). Never stored, only compared.
 */
export const canonicalText = (value: string): string =>
  collapseWhitespace(nfc(value)).toLowerCase();

export const isNfc = (value: string): boolean => value === value.normalize('NFC');
