import { DOMAIN_ERROR_KIND, DomainError, DomainErrorCode, isDomainError } from './errors.js';

describe('domain errors', () => {
  it('gives each code its stable name and a kind', () => {
    for (const [key, code] of Object.entries(DomainErrorCode)) {
      expect(code).toBe(key);
      expect(['not_found', 'conflict', 'rule']).toContain(DOMAIN_ERROR_KIND[code]);
    }
  });

  it('carries code, kind, message and field', () => {
    const error = new DomainError('MODEL_NOT_FOUND', 'Model m-1 does not exist', 'modelId');
    expect(error).toBeInstanceOf(Error);
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', kind: 'not_found', field: 'modelId', name: 'DomainError' });
    expect(error.message).toBe('Model m-1 does not exist');
    expect('field' in new DomainError('UNIT_MERGED', 'x')).toBe(false);
  });

  it('maps existence to not_found and duplicates to conflict', () => {
    expect(DOMAIN_ERROR_KIND.UNIT_ALREADY_EXISTS).toBe('conflict');
    expect(DOMAIN_ERROR_KIND.ENTRY_NOT_FOUND).toBe('not_found');
    expect(DOMAIN_ERROR_KIND.MODEL_ALREADY_WITHDRAWN).toBe('rule');
  });
});
