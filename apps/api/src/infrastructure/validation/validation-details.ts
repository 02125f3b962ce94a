import type { ValidationError } from 'class-validator';
import type { ApiErrorDetail } from '../errors/api-error.js';

/**
 * Flattens class-validator's tree into one `{ field, message }` per broken constraint.
 * Nested objects and arrays become dotted paths (`items.0.name`), so a client can point
 * at the input that is wrong without knowing the DTO's class structure.
 */
export function validationDetails(errors: readonly ValidationError[], parentPath = ''): ApiErrorDetail[] {
  return errors.flatMap((error) => {
    const field = joinPath(parentPath, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? 'is not allowed' : withoutPropertyName(message, error.property),
    }));
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}

function joinPath(parent: string, property: string): string {
  if (property === '') return parent;
  return parent === '' ? property : `${parent}.${property}`;
}

// class-validator's defaults read "workdays must be a positive number"; the field is
// already named beside the message, so the contract keeps "must be a positive number".
function withoutPropertyName(message: string, property: string): string {
  for (const prefix of [`${property} `, `each value in ${property} `]) {
    if (property !== '' && message.startsWith(prefix)) {
      return prefix.startsWith('each') ? `each value ${message.slice(prefix.length)}` : message.slice(prefix.length);
    }
  }
  return message;
}
