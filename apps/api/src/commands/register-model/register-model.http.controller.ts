import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { RegisterModelCommand } from './register-model.command.js';
import { RegisterModelRequestDto } from './register-model.request.dto.js';

@ApiTags('models')
@Controller('v1/models')
export class RegisterModelHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiCommand('Register a "Dân vận khéo" model', 'Writes ModelRegistered to `model-{modelId}`.')
  register(@Body() body: RegisterModelRequestDto, @CommandMetaParam() meta: CommandMeta): Promise<CommandAnswer> {
    return this.commandBus.execute(
      new RegisterModelCommand(
        {
          modelId: body.modelId,
          unitId: body.unitId,
          title: body.title,
          field: body.field,
          holderKind: body.holderKind,
          holderName: body.holderName,
          registeredOn: body.registeredOn,
        },
        meta,
      ),
    );
  }
}
