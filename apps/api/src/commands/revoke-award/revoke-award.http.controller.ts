import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, ApiIdParam } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { IdParamPipe } from '../shared/validation.js';
import { RevokeAwardCommand } from './revoke-award.command.js';
import { RevokeAwardRequestDto } from './revoke-award.request.dto.js';

@ApiTags('awards')
@Controller('v1/awards')
export class RevokeAwardHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':awardId/revocation')
  @ApiIdParam('awardId', 'kt-2024-0001')
  @ApiCommand('Revoke an award (at most once)', 'Writes AwardRevoked to `award-{awardId}`.')
  revoke(
    @Param('awardId', IdParamPipe) awardId: string,
    @Body() body: RevokeAwardRequestDto,
    @CommandMetaParam() meta: CommandMeta,
  ): Promise<CommandAnswer> {
    return this.commandBus.execute(
      new RevokeAwardCommand(
        { awardId, revokedOn: body.revokedOn, decisionNo: body.decisionNo, reason: body.reason },
        meta,
      ),
    );
  }
}
