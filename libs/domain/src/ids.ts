/** Ids are slugs: a lowercase letter or digit, then 1-63 letters, digits or hyphens. A lowercase UUID fits. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;

export const isValidId = (value: unknown): value is string =>
  typeof value === 'string' && ID_PATTERN.test(value);
