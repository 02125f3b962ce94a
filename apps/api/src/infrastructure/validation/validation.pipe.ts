import { HttpStatus, ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import { ApiError } from '../errors/api-error.js';
import { validationDetails } from './validation-details.js';

function validationFailed(details: ApiError['details']): ApiError {
  return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request is not valid', details);
}

class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A JSON array sent where a DTO object is expected would otherwise be reported
    // index by index ("0 is not allowed"); one message about the whole body is clearer.
    if (metadata.type === 'body' && Array.isArray(value) && this.toValidate(metadata)) {
      throw validationFailed([{ field: '', message: 'must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Request DTO validation for the whole API: unknown fields are refused rather than
 * silently dropped (a misspelt optional field would otherwise vanish without a word),
 * and every problem is reported at once in the contract's VALIDATION_FAILED shape.
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The rejected value could be a secret or a large blob; it has no place in errors.
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(validationDetails(errors)),
  });
}
