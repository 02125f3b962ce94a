/**
 * How statistics are keyed in rm_year_stats: one row per year × unit
 * (where the fact was recorded) × field × metric. Award grants keep form and recipient kind
 * in the metric so every total of API.md is a sum over rows.
 */
export const STAT_METRIC = {
  modelsRegistered: (holderKind: string) => `models_registered:${holderKind}`,
  modelsRecognized: 'models_recognized',
  modelsExemplary: 'models_exemplary',
  modelsWithdrawn: 'models_withdrawn',
  awardsGranted: (form: string, recipientKind: string) => `awards_granted:${form}:${recipientKind}`,
  awardsRevoked: 'awards_revoked',
  workdays: 'workdays',
  contribution: (metric: string) => `contribution:${metric}`,
} as const;
