import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AwardHistoryController } from './award-history/award-history.controller.js';
import { ReadStreamController } from './read-stream/read-stream.controller.js';
import { ListRefusalsController } from './refusals/list-refusals.controller.js';
import { RefusalLog } from './refusals/refusal-log.js';
import { RefusalRecorderMiddleware } from './refusals/refusal-recorder.middleware.js';
import { VerifyLogController } from './verify-log/verify-log.controller.js';

/**
 * Auditors' endpoints (API.md "Audit"): they read the log itself, never a projection,
 * and the refusal log that records what the log cannot (commands refused). Needs
 * EVENT_STORE and READ_POOL (StoreModule); the roles are in auth/access-policy.ts.
 */
@Module({
  controllers: [ReadStreamController, AwardHistoryController, VerifyLogController, ListRefusalsController],
  providers: [RefusalLog, RefusalRecorderMiddleware],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RefusalRecorderMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
