import type { CatalogueEntry } from './catalogue.js';

/** Holder of a model, recipient of an award: tập thể or cá nhân. */
export const HOLDER_KINDS = [
  { code: 'collective', label: 'Tập thể' },
  { code: 'individual', label: 'Cá nhân' },
] as const satisfies readonly CatalogueEntry[];

export type HolderKind = (typeof HOLDER_KINDS)[number]['code'];

export const isHolderKind = (value: unknown): value is HolderKind =>
  HOLDER_KINDS.some((k) => k.code === value);

export const RECOGNITION_LEVELS = [
  { code: 'recognized', label: 'Công nhận' },
  { code: 'exemplary', label: 'Điển hình' },
] as const satisfies readonly CatalogueEntry[];

export type RecognitionLevel = (typeof RECOGNITION_LEVELS)[number]['code'];

export const isRecognitionLevel = (value: unknown): value is RecognitionLevel =>
  RECOGNITION_LEVELS.some((l) => l.code === value);
