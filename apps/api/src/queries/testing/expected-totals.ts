// Expected answers written out independently of the code under test: the key lists
// below are API.md's and the catalogues', spelled out, so a metric that goes missing
// from an answer fails the test.

export const AWARD_FORM_CODES = ['bang_khen', 'giay_khen', 'ky_niem_chuong', 'chien_si_thi_dua', 'co_thi_dua', 'other'];

export const METRIC_CODES = [
  'road_km', 'canal_km', 'classrooms', 'houses_repaired', 'charity_houses', 'bridges', 'cemeteries_restored',
  'forest_ha', 'households_out_of_poverty', 'medical_checkups', 'funds_vnd', 'gifts', 'people_relocated',
  'mobilisation_sessions', 'participants', 'youth_enlisted',
];

export const STATISTICS_FIELDS = [
  'economy', 'culture_society', 'defense_security', 'political_system', 'new_rural', 'other', 'unclassified',
];

export interface Totals {
  modelsRegistered: number;
  modelsRegisteredCollective: number;
  modelsRegisteredIndividual: number;
  modelsRecognized: number;
  modelsExemplary: number;
  modelsWithdrawn: number;
  awardsGranted: number;
  awardsGrantedCollective: number;
  awardsGrantedIndividual: number;
  awardsRevoked: number;
  workdays: number;
  awardsByForm: Record<string, number>;
  contributions: Record<string, number>;
}

type TotalsPatch = Partial<Omit<Totals, 'awardsByForm' | 'contributions'>> & {
  awardsByForm?: Record<string, number>;
  contributions?: Record<string, number>;
};

const zeroes = (keys: readonly string[]): Record<string, number> => Object.fromEntries(keys.map((k) => [k, 0]));

/** Every metric at 0, then the patch. */
export function totals(patch: TotalsPatch = {}): Totals {
  const { awardsByForm, contributions, ...counts } = patch;
  return {
    modelsRegistered: 0,
    modelsRegisteredCollective: 0,
    modelsRegisteredIndividual: 0,
    modelsRecognized: 0,
    modelsExemplary: 0,
    modelsWithdrawn: 0,
    awardsGranted: 0,
    awardsGrantedCollective: 0,
    awardsGrantedIndividual: 0,
    awardsRevoked: 0,
    workdays: 0,
    ...counts,
    awardsByForm: { ...zeroes(AWARD_FORM_CODES), ...awardsByForm },
    contributions: { ...zeroes(METRIC_CODES), ...contributions },
  };
}

/** Every statistics field with zero totals, then the given fields' patches. */
export function byField(patches: Record<string, TotalsPatch> = {}): Record<string, Totals> {
  return Object.fromEntries(STATISTICS_FIELDS.map((field) => [field, totals(patches[field])]));
}
