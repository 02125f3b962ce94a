import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, ApiIdParam } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { IdParamPipe } from '../shared/validation.js';
import { VoidEntryCommand } from './void-entry.command.js';
import { VoidEntryRequestDto } from './void-entry.request.dto.js';

@ApiTags('ledger')
@Controller('v1/entries')
export class VoidEntryHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':entryId/void')
  @ApiIdParam('entryId', 'wd-2024-0001')
  @ApiCommand(
    'Void a ledger entry',
    "Writes EntryVoided to `ledger-{unitId}`. A correction is a void plus a new entry; voiding is allowed after the unit merged.",
  )
  void(
    @Param('entryId', IdParamPipe) entryId: string,
    @Body() body: VoidEntryRequestDto,
    @CommandMetaParam() meta: CommandMeta,
  ): Promise<CommandAnswer> {
    return this.commandBus.execute(new VoidEntryCommand({ entryId, unitId: body.unitId, reason: body.reason }, meta));
  }
}
