import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { unitDecider, unitStream, type UnitContext } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { StreamLoader } from '../shared/stream-loader.js';
import { MergeUnitCommand } from './merge-unit.command.js';

@CommandHandler(MergeUnitCommand)
export class MergeUnitHandler implements ICommandHandler<MergeUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: StreamLoader,
  ) {}

  execute({ input, meta }: MergeUnitCommand): Promise<CommandAnswer> {
    return this.executor.execute({
      meta,
      id: input.unitId,
      stream: unitStream(input.unitId),
      decider: unitDecider,
      command: { type: 'MergeUnit', data: input },
      unitsConcerned: async () => [input.unitId, input.intoUnitId],
      context: async (today): Promise<UnitContext> => {
        const target = await this.streams.unit(input.intoUnitId);
        if (target === undefined) return { today };
        // The cycle rule needs the target's ancestors in the current tree.
        return { today, target, targetAncestorIds: await this.streams.unitAncestorIds(input.intoUnitId) };
      },
    });
  }
}
