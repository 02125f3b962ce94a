import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, ApiIdParam } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { IdParamPipe } from '../shared/validation.js';
import { RecognizeModelCommand } from './recognize-model.command.js';
import { RecognizeModelRequestDto } from './recognize-model.request.dto.js';

@ApiTags('models')
@Controller('v1/models')
export class RecognizeModelHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':modelId/recognitions')
  @ApiIdParam('modelId', 'm-thuong-lam-1')
  @ApiCommand('Recognise a model (recognized, then exemplary)', 'Writes ModelRecognized to `model-{modelId}`.')
  recognize(
    @Param('modelId', IdParamPipe) modelId: string,
    @Body() body: RecognizeModelRequestDto,
    @CommandMetaParam() meta: CommandMeta,
  ): Promise<CommandAnswer> {
    return this.commandBus.execute(
      new RecognizeModelCommand(
        {
          modelId,
          level: body.level,
          recognizedOn: body.recognizedOn,
          byUnitId: body.byUnitId,
          decisionNo: body.decisionNo ?? null,
        },
        meta,
      ),
    );
  }
}
