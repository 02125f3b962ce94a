/**
 * What a module contributes to GET /health/ready: `check` resolves when its store
 * answers and throws when it does not. The signal aborts when the check has timed out.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(options?: { signal: AbortSignal }): Promise<void>;
}

/** Injection token of the `ReadinessCheck[]` that HealthModule.forRoot provides. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Injection token of the per-check timeout, in milliseconds. */
export const READINESS_TIMEOUT_MS = Symbol('READINESS_TIMEOUT_MS');
