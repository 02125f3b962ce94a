export { CommandsModule } from './commands.module.js';
export { CLOCK, systemClock, fixedClock, businessDate, BUSINESS_TIME_ZONE } from './shared/clock.js';
export type { Clock } from './shared/clock.js';
export { COMMAND_RETRY_POLICY, DEFAULT_RETRY_POLICY } from './shared/command-executor.js';
export type { RetryPolicy } from './shared/command-executor.js';
export { IdempotencyStore } from './shared/idempotency.store.js';
export type { CommandAnswer } from './shared/command-answer.js';
