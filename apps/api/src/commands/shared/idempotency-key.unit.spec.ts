import { ApiError } from '../../infrastructure/index.js';
import { canonicalJson, parseIdempotencyKey, requestHash } from './idempotency-key.js';

describe('Idempotency-Key', () => {
  it('accepts 1 to 200 printable ASCII characters, and no header at all', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('a')).toBe('a');
    expect(parseIdempotencyKey('9b1d-4c2e key ~!')).toBe('9b1d-4c2e key ~!');
    expect(parseIdempotencyKey('x'.repeat(200))).toHaveLength(200);
  });

  it.each([[''], ['x'.repeat(201)], ['khóa'], ['tab\there'], [['a', 'b']]])('refuses %j with a 400', (value) => {
    let error: unknown;
    try {
      parseIdempotencyKey(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(400);
    expect((error as ApiError).body.error.details).toEqual([
      { field: 'Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters' },
    ]);
  });
});

describe('request hash', () => {
  it('writes JSON with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('is the same for the same method, path and body in any key order', () => {
    const hash = requestHash('POST', '/v1/workdays', { unitId: 'u', workdays: 1 });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash('post', '/v1/workdays/', { workdays: 1, unitId: 'u' })).toBe(hash);
    expect(requestHash('POST', '/v1/workdays?x=1', { workdays: 1, unitId: 'u' })).toBe(hash);
  });

  it('differs with the method, the path or the body', () => {
    const hash = requestHash('POST', '/v1/workdays', { unitId: 'u', workdays: 1 });
    expect(requestHash('PUT', '/v1/workdays', { unitId: 'u', workdays: 1 })).not.toBe(hash);
    expect(requestHash('POST', '/v1/contributions', { unitId: 'u', workdays: 1 })).not.toBe(hash);
    expect(requestHash('POST', '/v1/workdays', { unitId: 'u', workdays: 2 })).not.toBe(hash);
    expect(requestHash('POST', '/v1/workdays', { unitId: 'u', workdays: '1' })).not.toBe(hash);
  });
});
