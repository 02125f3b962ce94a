import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { GrantAwardCommand } from './grant-award.command.js';
import { GrantAwardRequestDto } from './grant-award.request.dto.js';

@ApiTags('awards')
@Controller('v1/awards')
export class GrantAwardHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiCommand(
    'Grant an award',
    'Writes AwardGranted to `award-{awardId}`. The same recipient (kind, name, unit) cannot get the same form ' +
      'under the same decision twice: 409 AWARD_DUPLICATE.',
  )
  grant(@Body() body: GrantAwardRequestDto, @CommandMetaParam() meta: CommandMeta): Promise<CommandAnswer> {
    return this.commandBus.execute(
      new GrantAwardCommand(
        {
          awardId: body.awardId,
          recipientKind: body.recipientKind,
          recipientName: body.recipientName,
          recipientUnitId: body.recipientUnitId,
          form: body.form,
          issuerUnitId: body.issuerUnitId,
          decisionNo: body.decisionNo,
          decidedOn: body.decidedOn,
          movement: body.movement,
          modelId: body.modelId ?? null,
        },
        meta,
      ),
    );
  }
}
