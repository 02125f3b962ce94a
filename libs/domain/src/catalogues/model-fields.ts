import type { CatalogueEntry } from './catalogue.js';

/**
 * Fields (lĩnh vực) of a model. The list is data: a phase may add a field (e.g. digital
 * transformation for 2025-2030), so a field code is a plain string, and deciders accept
 * a catalogue in their context (this list is the default).
 */
export type ModelField = string;
export type ModelFieldEntry = CatalogueEntry<ModelField>;

export const MODEL_FIELDS = [
  { code: 'economy', label: 'Kinh tế' },
  { code: 'culture_society', label: 'Văn hóa - xã hội' },
  { code: 'defense_security', label: 'Quốc phòng - an ninh' },
  { code: 'political_system', label: 'Xây dựng hệ thống chính trị' },
  { code: 'new_rural', label: 'Xây dựng nông thôn mới' },
  { code: 'other', label: 'Khác' },
] as const satisfies readonly ModelFieldEntry[];

export type BuiltInModelField = (typeof MODEL_FIELDS)[number]['code'];

/**
 * The statistics field of an award or a ledger entry that names no model. Reserved: no
 * model may be registered in it.
 */
export const UNCLASSIFIED_FIELD = 'unclassified';
export const UNCLASSIFIED_FIELD_ENTRY: ModelFieldEntry = {
  code: UNCLASSIFIED_FIELD,
  label: 'Chưa phân loại',
};

export const isModelField = (
  value: unknown,
  fields: readonly ModelFieldEntry[] = MODEL_FIELDS,
): value is ModelField =>
  typeof value === 'string' && value !== UNCLASSIFIED_FIELD && fields.some((f) => f.code === value);

/** Every field a statistic can be reported under: the model fields, then `unclassified`. */
export const statisticsFields = (
  fields: readonly ModelFieldEntry[] = MODEL_FIELDS,
): readonly ModelFieldEntry[] => [
  ...fields.filter((f) => f.code !== UNCLASSIFIED_FIELD),
  UNCLASSIFIED_FIELD_ENTRY,
];
