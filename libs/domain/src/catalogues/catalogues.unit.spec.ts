import { isNfc } from '../text.js';
import { AWARD_FORMS, isAwardForm, isMovement, MOVEMENTS } from './awards.js';
import { labelOf } from './catalogue.js';
import { HOLDER_KINDS, isHolderKind, isRecognitionLevel, RECOGNITION_LEVELS } from './kinds.js';
import { findMetric, isMetric, METRICS } from './metrics.js';
import { isModelField, MODEL_FIELDS, statisticsFields, UNCLASSIFIED_FIELD } from './model-fields.js';
import { isUnitKind, UNIT_KINDS } from './unit-kinds.js';

const all = [UNIT_KINDS, MODEL_FIELDS, AWARD_FORMS, MOVEMENTS, HOLDER_KINDS, RECOGNITION_LEVELS, METRICS];

describe('catalogues', () => {
  it('store every label in NFC, with unique codes', () => {
    for (const catalogue of all) {
      const codes = catalogue.map((e) => e.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const entry of catalogue) {
        expect(isNfc(entry.label)).toBe(true);
        expect(entry.label.length).toBeGreaterThan(0);
      }
    }
    for (const metric of METRICS) expect(isNfc(metric.unitOfMeasure)).toBe(true);
  });

  it('has the unit kinds of the design', () => {
    expect(UNIT_KINDS.map((k) => k.code)).toStrictEqual([
      'central', 'military_region', 'province', 'provincial_command', 'district', 'commune',
      'village', 'party_committee', 'mass_organisation', 'army_unit', 'other',
    ]);
    expect(isUnitKind('province')).toBe(true);
    expect(isUnitKind('county')).toBe(false);
  });

  it('has the model fields with their Vietnamese labels, and reserves unclassified', () => {
    expect(MODEL_FIELDS.map((f) => [f.code, f.label])).toStrictEqual([
      ['economy', 'Kinh tế'],
      ['culture_society', 'Văn hóa - xã hội'],
      ['defense_security', 'Quốc phòng - an ninh'],
      ['political_system', 'Xây dựng hệ thống chính trị'],
      ['new_rural', 'Xây dựng nông thôn mới'],
      ['other', 'Khác'],
    ]);
    expect(isModelField('economy')).toBe(true);
    expect(isModelField(UNCLASSIFIED_FIELD)).toBe(false);
    expect(isModelField('unclassified', [{ code: 'unclassified', label: 'x' }])).toBe(false);
    expect(statisticsFields().map((f) => f.code)).toStrictEqual([...MODEL_FIELDS.map((f) => f.code), 'unclassified']);
  });

  it('has the award forms and movements', () => {
    expect(labelOf(AWARD_FORMS, 'ky_niem_chuong')).toBe('Kỷ niệm chương Vì sự nghiệp Dân vận');
    expect(AWARD_FORMS.map((f) => f.code)).toStrictEqual([
      'bang_khen', 'giay_khen', 'ky_niem_chuong', 'chien_si_thi_dua', 'co_thi_dua', 'other',
    ]);
    expect(MOVEMENTS.map((m) => m.code)).toStrictEqual(['dan_van_kheo', 'don_vi_dan_van_tot']);
    expect(isAwardForm('bang_khen') && isMovement('dan_van_kheo')).toBe(true);
    expect(isAwardForm('huan_chuong') || isMovement('x')).toBe(false);
    expect(isHolderKind('collective') && isHolderKind('individual') && !isHolderKind('group')).toBe(true);
    expect(isRecognitionLevel('exemplary') && !isRecognitionLevel('gold')).toBe(true);
  });

  it('has the metrics of the design with their units of measure', () => {
    expect(METRICS.map((m) => [m.code, m.unitOfMeasure])).toStrictEqual([
      ['road_km', 'km'],
      ['canal_km', 'km'],
      ['classrooms', 'phòng học'],
      ['houses_repaired', 'căn'],
      ['charity_houses', 'căn'],
      ['bridges', 'cây cầu'],
      ['cemeteries_restored', 'nghĩa trang'],
      ['forest_ha', 'ha'],
      ['households_out_of_poverty', 'hộ'],
      ['medical_checkups', 'lượt'],
      ['funds_vnd', 'VND'],
      ['gifts', 'suất quà'],
      ['people_relocated', 'người'],
      ['mobilisation_sessions', 'buổi'],
      ['participants', 'lượt người'],
      ['youth_enlisted', 'thanh niên'],
    ]);
    expect(findMetric('funds_vnd')?.whole).toBe(true);
    expect(findMetric('road_km')?.whole).toBe(false);
    expect(isMetric('trees')).toBe(false);
  });
});
