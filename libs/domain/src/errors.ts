/**
 * Domain errors. Every broken business rule has a stable code (part of the public HTTP
 * contract: clients match on it) and a kind that the API maps to a status:
 * `not_found` -> 404, `conflict` -> 409, `rule` -> 422.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'rule';

export const DomainErrorCode = {
  // generic input rules
  ID_INVALID: 'ID_INVALID',
  TEXT_REQUIRED: 'TEXT_REQUIRED',
  TEXT_TOO_LONG: 'TEXT_TOO_LONG',
  DATE_INVALID: 'DATE_INVALID',
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
  DATE_RANGE_INVALID: 'DATE_RANGE_INVALID',
  DATE_BEFORE_REGISTRATION: 'DATE_BEFORE_REGISTRATION',
  DATE_OUT_OF_ORDER: 'DATE_OUT_OF_ORDER',
  PERIOD_KEY_INVALID: 'PERIOD_KEY_INVALID',
  // units
  UNIT_ID_INVALID: 'UNIT_ID_INVALID',
  UNIT_ALREADY_EXISTS: 'UNIT_ALREADY_EXISTS',
  UNIT_NOT_FOUND: 'UNIT_NOT_FOUND',
  PARENT_UNIT_NOT_FOUND: 'PARENT_UNIT_NOT_FOUND',
  UNIT_KIND_UNKNOWN: 'UNIT_KIND_UNKNOWN',
  UNIT_MERGED: 'UNIT_MERGED',
  UNIT_ALREADY_MERGED: 'UNIT_ALREADY_MERGED',
  UNIT_MERGE_INTO_SELF: 'UNIT_MERGE_INTO_SELF',
  UNIT_MERGE_CYCLE: 'UNIT_MERGE_CYCLE',
  // phases
  PHASE_ALREADY_EXISTS: 'PHASE_ALREADY_EXISTS',
  PHASE_NOT_FOUND: 'PHASE_NOT_FOUND',
  PHASE_DATES_INVALID: 'PHASE_DATES_INVALID',
  PHASE_NOT_WHOLE_MONTHS: 'PHASE_NOT_WHOLE_MONTHS',
  // models
  MODEL_ALREADY_EXISTS: 'MODEL_ALREADY_EXISTS',
  MODEL_NOT_FOUND: 'MODEL_NOT_FOUND',
  MODEL_FIELD_UNKNOWN: 'MODEL_FIELD_UNKNOWN',
  HOLDER_KIND_INVALID: 'HOLDER_KIND_INVALID',
  RECOGNITION_LEVEL_INVALID: 'RECOGNITION_LEVEL_INVALID',
  MODEL_WITHDRAWN: 'MODEL_WITHDRAWN',
  MODEL_ALREADY_RECOGNIZED: 'MODEL_ALREADY_RECOGNIZED',
  MODEL_NOT_YET_RECOGNIZED: 'MODEL_NOT_YET_RECOGNIZED',
  MODEL_ALREADY_EXEMPLARY: 'MODEL_ALREADY_EXEMPLARY',
  MODEL_ALREADY_WITHDRAWN: 'MODEL_ALREADY_WITHDRAWN',
  // awards
  AWARD_ALREADY_EXISTS: 'AWARD_ALREADY_EXISTS',
  AWARD_DUPLICATE: 'AWARD_DUPLICATE',
  AWARD_NOT_FOUND: 'AWARD_NOT_FOUND',
  AWARD_FORM_UNKNOWN: 'AWARD_FORM_UNKNOWN',
  MOVEMENT_UNKNOWN: 'MOVEMENT_UNKNOWN',
  RECIPIENT_KIND_INVALID: 'RECIPIENT_KIND_INVALID',
  AWARD_ALREADY_REVOKED: 'AWARD_ALREADY_REVOKED',
  REVOCATION_BEFORE_DECISION: 'REVOCATION_BEFORE_DECISION',
  // ledger
  ENTRY_ALREADY_EXISTS: 'ENTRY_ALREADY_EXISTS',
  ENTRY_NOT_FOUND: 'ENTRY_NOT_FOUND',
  ENTRY_ALREADY_VOIDED: 'ENTRY_ALREADY_VOIDED',
  WORKDAYS_INVALID: 'WORKDAYS_INVALID',
  QUANTITY_INVALID: 'QUANTITY_INVALID',
  QUANTITY_NOT_WHOLE: 'QUANTITY_NOT_WHOLE',
  METRIC_UNKNOWN: 'METRIC_UNKNOWN',
} as const;

export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

/** The kind of every code: fixed, so one code always maps to one HTTP status. */
export const DOMAIN_ERROR_KIND: Readonly<Record<DomainErrorCode, DomainErrorKind>> = {
  ID_INVALID: 'rule',
  TEXT_REQUIRED: 'rule',
  TEXT_TOO_LONG: 'rule',
  DATE_INVALID: 'rule',
  DATE_IN_FUTURE: 'rule',
  DATE_RANGE_INVALID: 'rule',
  DATE_BEFORE_REGISTRATION: 'rule',
  DATE_OUT_OF_ORDER: 'rule',
  PERIOD_KEY_INVALID: 'rule',
  UNIT_ID_INVALID: 'rule',
  UNIT_ALREADY_EXISTS: 'conflict',
  UNIT_NOT_FOUND: 'not_found',
  PARENT_UNIT_NOT_FOUND: 'not_found',
  UNIT_KIND_UNKNOWN: 'rule',
  UNIT_MERGED: 'rule',
  UNIT_ALREADY_MERGED: 'rule',
  UNIT_MERGE_INTO_SELF: 'rule',
  UNIT_MERGE_CYCLE: 'rule',
  PHASE_ALREADY_EXISTS: 'conflict',
  PHASE_NOT_FOUND: 'not_found',
  PHASE_DATES_INVALID: 'rule',
  PHASE_NOT_WHOLE_MONTHS: 'rule',
  MODEL_ALREADY_EXISTS: 'conflict',
  MODEL_NOT_FOUND: 'not_found',
  MODEL_FIELD_UNKNOWN: 'rule',
  HOLDER_KIND_INVALID: 'rule',
  RECOGNITION_LEVEL_INVALID: 'rule',
  MODEL_WITHDRAWN: 'rule',
  MODEL_ALREADY_RECOGNIZED: 'rule',
  MODEL_NOT_YET_RECOGNIZED: 'rule',
  MODEL_ALREADY_EXEMPLARY: 'rule',
  MODEL_ALREADY_WITHDRAWN: 'rule',
  AWARD_ALREADY_EXISTS: 'conflict',
  AWARD_DUPLICATE: 'conflict',
  AWARD_NOT_FOUND: 'not_found',
  AWARD_FORM_UNKNOWN: 'rule',
  MOVEMENT_UNKNOWN: 'rule',
  RECIPIENT_KIND_INVALID: 'rule',
  AWARD_ALREADY_REVOKED: 'rule',
  REVOCATION_BEFORE_DECISION: 'rule',
  ENTRY_ALREADY_EXISTS: 'conflict',
  ENTRY_NOT_FOUND: 'not_found',
  ENTRY_ALREADY_VOIDED: 'rule',
  WORKDAYS_INVALID: 'rule',
  QUANTITY_INVALID: 'rule',
  QUANTITY_NOT_WHOLE: 'rule',
  METRIC_UNKNOWN: 'rule',
};

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly kind: DomainErrorKind;
  /** The command/body field the error is about, when there is one. */
  readonly field?: string;

  constructor(code: DomainErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.kind = DOMAIN_ERROR_KIND[code];
    if (field !== undefined) this.field = field;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
