import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { LogWorkdaysCommand } from './log-workdays.command.js';
import { LogWorkdaysRequestDto } from './log-workdays.request.dto.js';

@ApiTags('ledger')
@Controller('v1/workdays')
export class LogWorkdaysHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiCommand('Log workdays', "Writes WorkdaysLogged to the unit's ledger `ledger-{unitId}`.")
  log(@Body() body: LogWorkdaysRequestDto, @CommandMetaParam() meta: CommandMeta): Promise<CommandAnswer> {
    return this.commandBus.execute(
      new LogWorkdaysCommand(
        {
          entryId: body.entryId,
          unitId: body.unitId,
          workdays: body.workdays,
          on: body.on,
          activity: body.activity ?? null,
          modelId: body.modelId ?? null,
        },
        meta,
      ),
    );
  }
}
