/**
 * Counts requests per client address in fixed one-minute windows. All addresses share the
 * window boundaries, so the whole table is dropped when a window ends: memory is bounded
 * by the addresses seen in one minute. In memory: per process, not across instances.
 */
export class FixedWindowRateLimiter {
  private window = -1;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request; answers whether it is within the limit, and when the window ends. */
  take(address: string, nowMs: number): { readonly allowed: boolean; readonly retryAfterSeconds: number } {
    const window = Math.floor(nowMs / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const count = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, count);
    return { allowed: count <= this.limit, retryAfterSeconds: Math.ceil(((window + 1) * this.windowMs - nowMs) / 1000) };
  }
}
