import type { CatalogueEntry } from './catalogue.js';

/**
 * Contribution metrics: code, Vietnamese label, unit of measure, and whether the
 * quantity must be a whole number. Money is whole VND; counts of things (rooms, houses,
 * people, sessions...) are whole too; lengths and areas may be fractional.
 * The list is data: a decider accepts another catalogue in its context.
 */
export type MetricCode = string;

export type MetricEntry = CatalogueEntry<MetricCode> &
  Readonly<{ unitOfMeasure: string; whole: boolean }>;

export const FUNDS_METRIC = 'funds_vnd';

export const METRICS = [
  { code: 'road_km', label: 'Đường giao thông', unitOfMeasure: 'km', whole: false },
  { code: 'canal_km', label: 'Kênh mương', unitOfMeasure: 'km', whole: false },
  { code: 'classrooms', label: 'Phòng học', unitOfMeasure: 'phòng học', whole: true },
  { code: 'houses_repaired', label: 'Nhà ở được sửa chữa', unitOfMeasure: 'căn', whole: true },
  {
    code: 'charity_houses',
    label: 'Nhà tình nghĩa, nhà đại đoàn kết',
    unitOfMeasure: 'căn',
    whole: true,
  },
  { code: 'bridges', label: 'Cầu giao thông nông thôn', unitOfMeasure: 'cây cầu', whole: true },
  {
    code: 'cemeteries_restored',
    label: 'Nghĩa trang liệt sĩ được tu sửa',
    unitOfMeasure: 'nghĩa trang',
    whole: true,
  },
  { code: 'forest_ha', label: 'Trồng rừng', unitOfMeasure: 'ha', whole: false },
  { code: 'households_out_of_poverty', label: 'Hộ thoát nghèo', unitOfMeasure: 'hộ', whole: true },
  { code: 'medical_checkups', label: 'Khám bệnh, cấp thuốc', unitOfMeasure: 'lượt', whole: true },
  { code: 'funds_vnd', label: 'Kinh phí huy động', unitOfMeasure: 'VND', whole: true },
  { code: 'gifts', label: 'Quà tặng', unitOfMeasure: 'suất quà', whole: true },
  {
    code: 'people_relocated',
    label: 'Người dân được di dời, bố trí dân cư',
    unitOfMeasure: 'người',
    whole: true,
  },
  {
    code: 'mobilisation_sessions',
    label: 'Buổi tuyên truyền, vận động',
    unitOfMeasure: 'buổi',
    whole: true,
  },
  {
    code: 'participants',
    label: 'Người tham gia',
    unitOfMeasure: 'lượt người',
    whole: true,
  },
  {
    code: 'youth_enlisted',
    label: 'Thanh niên lên đường nhập ngũ',
    unitOfMeasure: 'thanh niên',
    whole: true,
  },
] as const satisfies readonly MetricEntry[];

export type BuiltInMetric = (typeof METRICS)[number]['code'];

export const findMetric = (
  code: unknown,
  metrics: readonly MetricEntry[] = METRICS,
): MetricEntry | undefined => metrics.find((m) => m.code === code);

export const isMetric = (code: unknown, metrics: readonly MetricEntry[] = METRICS): code is MetricCode =>
  findMetric(code, metrics) !== undefined;
