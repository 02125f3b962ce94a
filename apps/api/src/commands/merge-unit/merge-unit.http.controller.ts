import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, ApiIdParam } from '../shared/api-command.decorator.js';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';
import { CommandMetaParam } from '../shared/command-meta.decorator.js';
import { IdParamPipe } from '../shared/validation.js';
import { MergeUnitCommand } from './merge-unit.command.js';
import { MergeUnitRequestDto } from './merge-unit.request.dto.js';

@ApiTags('units')
@Controller('v1/units')
export class MergeUnitHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':unitId/merge')
  @ApiIdParam('unitId', 'lam-binh')
  @ApiCommand(
    'Merge a unit into another',
    "Writes UnitMerged to `unit-{unitId}`: from then on the unit's children and facts count under `intoUnitId`.",
  )
  merge(
    @Param('unitId', IdParamPipe) unitId: string,
    @Body() body: MergeUnitRequestDto,
    @CommandMetaParam() meta: CommandMeta,
  ): Promise<CommandAnswer> {
    return this.commandBus.execute(
      new MergeUnitCommand(
        { unitId, intoUnitId: body.intoUnitId, effectiveOn: body.effectiveOn, decisionNo: body.decisionNo ?? null },
        meta,
      ),
    );
  }
}
