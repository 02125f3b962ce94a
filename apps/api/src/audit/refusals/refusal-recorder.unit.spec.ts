import { isAuditedRefusal } from './refusal-recorder.middleware.js';

describe('isAuditedRefusal', () => {
  it('records refused and failed commands and every refused token or role', () => {
    expect(isAuditedRefusal('POST', 400, true)).toBe(true);
    expect(isAuditedRefusal('POST', 422, true)).toBe(true);
    expect(isAuditedRefusal('POST', 503, true)).toBe(true);
    expect(isAuditedRefusal('POST', 413, false)).toBe(true);
    expect(isAuditedRefusal('GET', 401, true)).toBe(true);
    expect(isAuditedRefusal('GET', 403, true)).toBe(true);
  });

  it('leaves out reads that merely failed, rate-limited requests and paths that are no route', () => {
    expect(isAuditedRefusal('GET', 404, true)).toBe(false);
    expect(isAuditedRefusal('POST', 201, true)).toBe(false);
    expect(isAuditedRefusal('POST', 429, true)).toBe(false);
    expect(isAuditedRefusal('POST', 404, false)).toBe(false);
  });
});
