import { FixedWindowRateLimiter } from './rate-limiter.js';

describe('FixedWindowRateLimiter', () => {
  it('allows the limit per address and window, then refuses until the next window', () => {
    const limiter = new FixedWindowRateLimiter(2, 60_000);
    const t0 = 120_000;
    expect(limiter.take('a', t0).allowed).toBe(true);
    expect(limiter.take('a', t0 + 1).allowed).toBe(true);
    expect(limiter.take('a', t0 + 2)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take('b', t0 + 3).allowed).toBe(true);
    expect(limiter.take('a', t0 + 60_000).allowed).toBe(true);
  });
});
