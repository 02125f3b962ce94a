import type { CatalogueEntry } from './catalogue.js';

export const AWARD_FORMS = [
  { code: 'bang_khen', label: 'Bằng khen' },
  { code: 'giay_khen', label: 'Giấy khen' },
  { code: 'ky_niem_chuong', label: 'Kỷ niệm chương Vì sự nghiệp Dân vận' },
  { code: 'chien_si_thi_dua', label: 'Chiến sĩ thi đua' },
  { code: 'co_thi_dua', label: 'Cờ thi đua' },
  { code: 'other', label: 'Khác' },
] as const satisfies readonly CatalogueEntry[];

export type AwardForm = (typeof AWARD_FORMS)[number]['code'];

export const isAwardForm = (value: unknown): value is AwardForm =>
  AWARD_FORMS.some((f) => f.code === value);

export const MOVEMENTS = [
  { code: 'dan_van_kheo', label: 'Dân vận khéo' },
  { code: 'don_vi_dan_van_tot', label: 'Đơn vị dân vận tốt' },
] as const satisfies readonly CatalogueEntry[];

export type Movement = (typeof MOVEMENTS)[number]['code'];

export const isMovement = (value: unknown): value is Movement =>
  MOVEMENTS.some((m) => m.code === value);
