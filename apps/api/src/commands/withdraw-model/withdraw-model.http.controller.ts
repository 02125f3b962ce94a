import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, ApiIdParam } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { IdParamPipe } from '../shared/validation.js';
import { WithdrawModelCommand } from './withdraw-model.command.js';
import { WithdrawModelRequestDto } from './withdraw-model.request.dto.js';

@ApiTags('models')
@Controller('v1/models')
export class WithdrawModelHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':modelId/withdrawal')
  @ApiIdParam('modelId', 'm-thuong-lam-1')
  @ApiCommand('Withdraw a model (final)', 'Writes ModelWithdrawn to `model-{modelId}`.')
  withdraw(
    @Param('modelId', IdParamPipe) modelId: string,
    @Body() body: WithdrawModelRequestDto,
    @CommandMetaParam() meta: CommandMeta,
  ): Promise<CommandAnswer> {
    return this.commandBus.execute(
      new WithdrawModelCommand({ modelId, withdrawnOn: body.withdrawnOn, reason: body.reason }, meta),
    );
  }
}
