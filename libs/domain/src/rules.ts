/**
 * Shared named rules. Each throws a DomainError with a stable code and the field name
 * of the command body it is about.
 */
import { isIsoDate, type IsoDate } from './dates.js';
import { DomainError, DomainErrorCode } from './errors.js';
import { isValidId } from './ids.js';
import { nfc } from './text.js';

/** Maximum lengths (in UTF-16 code units, after NFC): generous, but a bound. */
export const TEXT_LIMITS = {
  name: 500,
  decisionNo: 100,
  longText: 4000,
} as const;

export const requireId = (value: string, field: string): string => {
  if (!isValidId(value)) {
    throw new DomainError(
      DomainErrorCode.ID_INVALID,
      `${field} must be a slug matching ^[a-z0-9][a-z0-9-]{1,63}$`,
      field,
    );
  }
  return value;
};

/** NFC-normalises and trims; fails when empty or too long. */
export const requireText = (value: string, field: string, maxLength: number): string => {
  const text = typeof value === 'string' ? nfc(value) : '';
  if (text.length === 0) {
    throw new DomainError(DomainErrorCode.TEXT_REQUIRED, `${field} must not be empty`, field);
  }
  if (text.length > maxLength) {
    throw new DomainError(
      DomainErrorCode.TEXT_TOO_LONG,
      `${field} must be at most ${maxLength} characters`,
      field,
    );
  }
  return text;
};

/** An optional text: absent, or blank after trimming, means absent (the field is omitted). */
export const optionalText = (
  value: string | null | undefined,
  field: string,
  maxLength: number,
): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const text = nfc(value);
  if (text.length === 0) return undefined;
  return requireText(text, field, maxLength);
};

export const requireDate = (value: string, field: string): IsoDate => {
  if (!isIsoDate(value)) {
    throw new DomainError(
      DomainErrorCode.DATE_INVALID,
      `${field} must be a real calendar date YYYY-MM-DD`,
      field,
    );
  }
  return value;
};

/** A business date: a real calendar date, not after today. */
export const requirePastOrToday = (value: string, today: IsoDate, field: string): IsoDate => {
  const date = requireDate(value, field);
  if (date > today) {
    throw new DomainError(
      DomainErrorCode.DATE_IN_FUTURE,
      `${field} ${date} is in the future (today is ${today})`,
      field,
    );
  }
  return date;
};

export const requireNotBefore = (
  date: IsoDate,
  earliest: IsoDate,
  code: DomainErrorCode,
  field: string,
  what: string,
): void => {
  if (date < earliest) {
    throw new DomainError(code, `${field} ${date} is before ${what} ${earliest}`, field);
  }
};

/** A summary loaded by the application layer must be about the id the command names. */
export const checkSummaryId = <T extends object>(
  summary: T | undefined,
  idOf: (s: T) => string,
  expectedId: string,
): T | undefined => {
  if (summary !== undefined && idOf(summary) !== expectedId) {
    throw new Error(
      `Context mismatch: a summary of ${idOf(summary)} was given for ${expectedId}`,
    );
  }
  return summary;
};

/** Rule: a model that a grant or a ledger entry names exists. */
export const requireNamedModel = <T extends { readonly modelId: string }>(summary: T | undefined, modelId: string | undefined): void => {
  if (modelId === undefined) return;
  if (checkSummaryId(summary, (s) => s.modelId, modelId) === undefined) {
    throw new DomainError(DomainErrorCode.MODEL_NOT_FOUND, `Model ${modelId} does not exist`, 'modelId');
  }
};
