import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { RegisterUnitCommand } from './register-unit.command.js';
import { RegisterUnitRequestDto } from './register-unit.request.dto.js';

@ApiTags('units')
@Controller('v1/units')
export class RegisterUnitHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiCommand('Register a unit', 'Writes UnitRegistered to `unit-{unitId}`.')
  register(@Body() body: RegisterUnitRequestDto, @CommandMetaParam() meta: CommandMeta): Promise<CommandAnswer> {
    return this.commandBus.execute(
      new RegisterUnitCommand({ unitId: body.unitId, name: body.name, kind: body.kind, parentId: body.parentId ?? null }, meta),
    );
  }
}
