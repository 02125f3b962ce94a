import type { CatalogueEntry } from './catalogue.js';

export const UNIT_KINDS = [
  { code: 'central', label: 'Trung ương' },
  { code: 'military_region', label: 'Quân khu' },
  { code: 'province', label: 'Tỉnh, thành phố' },
  { code: 'provincial_command', label: 'Bộ Chỉ huy quân sự tỉnh' },
  { code: 'district', label: 'Cấp huyện' },
  { code: 'commune', label: 'Cấp xã' },
  { code: 'village', label: 'Thôn, bản, tổ dân phố' },
  { code: 'party_committee', label: 'Cấp ủy, tổ chức đảng' },
  { code: 'mass_organisation', label: 'Mặt trận Tổ quốc, đoàn thể' },
  { code: 'army_unit', label: 'Đơn vị quân đội' },
  { code: 'other', label: 'Khác' },
] as const satisfies readonly CatalogueEntry[];

export type UnitKind = (typeof UNIT_KINDS)[number]['code'];

export const isUnitKind = (value: unknown): value is UnitKind =>
  UNIT_KINDS.some((k) => k.code === value);
