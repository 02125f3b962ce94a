import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { RecordContributionCommand } from './record-contribution.command.js';
import { RecordContributionRequestDto } from './record-contribution.request.dto.js';

@ApiTags('ledger')
@Controller('v1/contributions')
export class RecordContributionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiCommand('Record a contribution', "Writes ContributionRecorded to the unit's ledger `ledger-{unitId}`.")
  record(@Body() body: RecordContributionRequestDto, @CommandMetaParam() meta: CommandMeta): Promise<CommandAnswer> {
    return this.commandBus.execute(
      new RecordContributionCommand(
        {
          entryId: body.entryId,
          unitId: body.unitId,
          metric: body.metric,
          quantity: body.quantity,
          on: body.on,
          note: body.note ?? null,
        },
        meta,
      ),
    );
  }
}
