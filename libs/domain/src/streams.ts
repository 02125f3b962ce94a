/** Stream names: `{category}-{id}`. Ids may contain hyphens, categories never do. */
export const STREAM_CATEGORIES = ['unit', 'phase', 'model', 'award', 'ledger'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

export const unitStream = (unitId: string): string => `unit-${unitId}`;
export const phaseStream = (phaseId: string): string => `phase-${phaseId}`;
export const modelStream = (modelId: string): string => `model-${modelId}`;
export const awardStream = (awardId: string): string => `award-${awardId}`;
export const ledgerStream = (unitId: string): string => `ledger-${unitId}`;

const isStreamCategory = (value: string): value is StreamCategory =>
  (STREAM_CATEGORIES as readonly string[]).includes(value);

/** The category of a stream name (the part before the first hyphen), if it is a domain one. */
export const streamCategory = (streamName: string): StreamCategory | undefined =>
  parseStreamName(streamName)?.category;

export const parseStreamName = (
  streamName: string,
): { readonly category: StreamCategory; readonly id: string } | undefined => {
  const dash = streamName.indexOf('-');
  if (dash <= 0 || dash === streamName.length - 1) return undefined;
  const category = streamName.slice(0, dash);
  return isStreamCategory(category) ? { category, id: streamName.slice(dash + 1) } : undefined;
};
