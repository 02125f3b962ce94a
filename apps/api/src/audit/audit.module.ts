import { Module } from '@nestjs/common';
import { ReadStreamController } from './read-stream/read-stream.controller.js';
import { VerifyLogController } from './verify-log/verify-log.controller.js';

/**
 * Auditors' endpoints (API.md "Audit"): they read the log itself, never a projection.
 * Needs EVENT_STORE (StoreModule); the roles are in auth/access-policy.ts.
 */
@Module({
  controllers: [ReadStreamController, VerifyLogController],
})
export class AuditModule {}
