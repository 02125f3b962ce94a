import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DefinePhaseHttpController } from './define-phase/define-phase.http.controller.js';
import { DefinePhaseHandler } from './define-phase/define-phase.handler.js';
import { GrantAwardHttpController } from './grant-award/grant-award.http.controller.js';
import { GrantAwardHandler } from './grant-award/grant-award.handler.js';
import { LogWorkdaysHttpController } from './log-workdays/log-workdays.http.controller.js';
import { LogWorkdaysHandler } from './log-workdays/log-workdays.handler.js';
import { MergeUnitHttpController } from './merge-unit/merge-unit.http.controller.js';
import { MergeUnitHandler } from './merge-unit/merge-unit.handler.js';
import { RecognizeModelHttpController } from './recognize-model/recognize-model.http.controller.js';
import { RecognizeModelHandler } from './recognize-model/recognize-model.handler.js';
import { RecordContributionHttpController } from './record-contribution/record-contribution.http.controller.js';
import { RecordContributionHandler } from './record-contribution/record-contribution.handler.js';
import { RegisterModelHttpController } from './register-model/register-model.http.controller.js';
import { RegisterModelHandler } from './register-model/register-model.handler.js';
import { RegisterUnitHttpController } from './register-unit/register-unit.http.controller.js';
import { RegisterUnitHandler } from './register-unit/register-unit.handler.js';
import { RevokeAwardHttpController } from './revoke-award/revoke-award.http.controller.js';
import { RevokeAwardHandler } from './revoke-award/revoke-award.handler.js';
import { CommandExecutionModule } from './shared/command-execution.module.js';
import { VoidEntryHttpController } from './void-entry/void-entry.http.controller.js';
import { VoidEntryHandler } from './void-entry/void-entry.handler.js';
import { WithdrawModelHttpController } from './withdraw-model/withdraw-model.http.controller.js';
import { WithdrawModelHandler } from './withdraw-model/withdraw-model.handler.js';

/**
 * The write side of the HTTP API: one controller and one handler per command. Needs
 * StoreModule (EVENT_STORE, READ_POOL) in the app; the idempotency table is created on
 * module init.
 */
@Module({
  imports: [CqrsModule, CommandExecutionModule],
  controllers: [
    RegisterUnitHttpController,
    MergeUnitHttpController,
    DefinePhaseHttpController,
    RegisterModelHttpController,
    RecognizeModelHttpController,
    WithdrawModelHttpController,
    GrantAwardHttpController,
    RevokeAwardHttpController,
    LogWorkdaysHttpController,
    RecordContributionHttpController,
    VoidEntryHttpController,
  ],
  providers: [
    RegisterUnitHandler,
    MergeUnitHandler,
    DefinePhaseHandler,
    RegisterModelHandler,
    RecognizeModelHandler,
    WithdrawModelHandler,
    GrantAwardHandler,
    RevokeAwardHandler,
    LogWorkdaysHandler,
    RecordContributionHandler,
    VoidEntryHandler,
  ],
})
export class CommandsModule {}
