import { ID_PATTERN, isIsoDate, tryParsePeriodKey } from '#domain';
import { decodeCursor, type CursorList } from '#read-models';
import { Matches, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Query and path validators shared by the read endpoints. Messages leave the property
 * out: the error details already name the field (`{ field: "from", message: ... }`).
 */

export function IsSlug(options?: ValidationOptions): PropertyDecorator {
  return Matches(ID_PATTERN, {
    message: 'must be an id: 2 to 64 lowercase letters, digits or hyphens, starting with a letter or digit',
    ...options,
  });
}

/** A field code of the model-field catalogue (`economy`, `culture_society`...); the list is data. */
export const FIELD_CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export function IsFieldCode(options?: ValidationOptions): PropertyDecorator {
  return Matches(FIELD_CODE_PATTERN, { message: 'must be a field code such as economy or culture_society', ...options });
}

export function IsIsoDateString(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDateString',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: () => 'must be a real calendar date YYYY-MM-DD',
      },
    },
    options,
  );
}

export function IsPeriodKey(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPeriodKey',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && tryParsePeriodKey(value) !== undefined,
        defaultMessage: () =>
          'must be a period key: phase:<id>, year:YYYY, half:YYYY-H1|H2, quarter:YYYY-Q1..Q4 or month:YYYY-MM',
      },
    },
    options,
  );
}

export function IsCursor(list: CursorList, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCursor',
      validator: {
        validate: (value: unknown) => decodeCursor(list, value) !== undefined,
        defaultMessage: () => `must be a nextCursor returned by this list (GET /v1/${list})`,
      },
    },
    options,
  );
}

/** The largest log position PostgreSQL's int8 can hold. */
const MAX_POSITION = 9_223_372_036_854_775_807n;

/** A log position as a decimal string (API.md: `position` is a decimal string). */
export function parseLogPosition(value: unknown): bigint | undefined {
  if (typeof value !== 'string' || !/^\d{1,19}$/.test(value)) return undefined;
  const position = BigInt(value);
  return position <= MAX_POSITION ? position : undefined;
}

export const LOG_POSITION_MESSAGE = 'must be a log position: a decimal string of digits, as returned by a command';

export function IsLogPosition(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLogPosition',
      validator: {
        validate: (value: unknown) => parseLogPosition(value) !== undefined,
        defaultMessage: () => LOG_POSITION_MESSAGE,
      },
    },
    options,
  );
}
