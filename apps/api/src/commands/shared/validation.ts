import { applyDecorators, HttpStatus, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { codesOf, ID_PATTERN, isIsoDate, isValidId, type CatalogueEntry } from '#domain';
import { ApiError } from '../../infrastructure/index.js';

export const ID_MESSAGE = `must be a slug matching ${ID_PATTERN.source}`;
export const DATE_MESSAGE = 'must be a real calendar date YYYY-MM-DD';

const required = (args: ValidationArguments | undefined, otherwise: string): string =>
  args?.value === undefined || args.value === null ? 'is required' : otherwise;

/** An id slug `^[a-z0-9][a-z0-9-]{1,63}$`. */
export function IsSlugId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSlugId',
      validator: { validate: (value: unknown) => isValidId(value), defaultMessage: (args) => required(args, ID_MESSAGE) },
    },
    options,
  );
}

/** `YYYY-MM-DD` and a real calendar date (2024-02-30 is not). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: (value: unknown) => isIsoDate(value), defaultMessage: (args) => required(args, DATE_MESSAGE) },
    },
    options,
  );
}

/**
 * A text of at most `max` characters once NFC-normalised and trimmed (the form it is
 * stored in); a required one must not be blank. Optional texts may be blank (= absent).
 */
export function IsBoundedText(max: number, options: ValidationOptions & { blank?: boolean } = {}): PropertyDecorator {
  const { blank = false, ...validationOptions } = options;
  return ValidateBy(
    {
      name: 'isBoundedText',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const length = value.normalize('NFC').trim().length;
          return (blank || length > 0) && length <= max;
        },
        defaultMessage: (args) => {
          if (typeof args?.value !== 'string') return required(args, 'must be a string');
          return args.value.trim().length === 0 ? 'must not be blank' : `must be at most ${max} characters`;
        },
      },
    },
    validationOptions,
  );
}

/** One of the codes of a fixed domain catalogue. */
export function IsCatalogueCode(entries: readonly CatalogueEntry[], options?: ValidationOptions): PropertyDecorator {
  const codes = codesOf(entries);
  return ValidateBy(
    {
      name: 'isCatalogueCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && codes.includes(value),
        defaultMessage: (args) => required(args, `must be one of: ${codes.join(', ')}`),
      },
    },
    options,
  );
}

export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A code of a catalogue that is data (model fields, metrics): its shape is checked here,
 * its membership by the domain against the catalogue in force (422 when unknown).
 */
export function IsCodeShaped(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCodeShaped',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && CODE_PATTERN.test(value),
        defaultMessage: (args) => required(args, `must be a code matching ${CODE_PATTERN.source}`),
      },
    },
    options,
  );
}

/** `@Param('unitId', IdParamPipe)`: a malformed path id answers 400 like a body field. */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (isValidId(value)) return value;
    throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request is not valid', [
      { field: metadata.data ?? 'id', message: ID_MESSAGE },
    ]);
  }
}

/**
 * A create body's own id, which the client may leave out: the server then generates a
 * UUID (derived from the Idempotency-Key when one is sent).
 */
export function OptionalGeneratedId(example?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      ...(example ? { example } : {}),
      pattern: ID_PATTERN.source,
      description: 'Omitted: the server generates a UUID (derived from the Idempotency-Key when one is sent)',
    }),
    IsOptional(),
    IsSlugId(),
  );
}
