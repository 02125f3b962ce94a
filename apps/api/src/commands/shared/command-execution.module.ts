import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from './clock.js';
import { COMMAND_RETRY_POLICY, CommandExecutor, DEFAULT_RETRY_POLICY } from './command-executor.js';
import { IdempotencyStore } from './idempotency.store.js';
import { StreamLoader } from './stream-loader.js';

/**
 * What every command handler uses: the executor, the stream loader, the idempotency
 * table (created on module init), the clock and the retry policy (both overridable). Needs EVENT_STORE and READ_POOL
 * (StoreModule, global).
 */
@Module({
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: COMMAND_RETRY_POLICY, useValue: DEFAULT_RETRY_POLICY },
    StreamLoader,
    IdempotencyStore,
    CommandExecutor,
  ],
  exports: [CLOCK, StreamLoader, IdempotencyStore, CommandExecutor],
})
export class CommandExecutionModule {}
