import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { DefinePhaseCommand } from './define-phase.command.js';
import { DefinePhaseRequestDto } from './define-phase.request.dto.js';

@ApiTags('phases')
@Controller('v1/phases')
export class DefinePhaseHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiCommand('Define a phase', 'Writes PhaseDefined to `phase-{phaseId}`. Phases may overlap and lie in the future.')
  define(@Body() body: DefinePhaseRequestDto, @CommandMetaParam() meta: CommandMeta): Promise<CommandAnswer> {
    return this.commandBus.execute(
      new DefinePhaseCommand(
        { phaseId: body.phaseId, name: body.name, startsOn: body.startsOn, endsOn: body.endsOn },
        meta,
      ),
    );
  }
}
