import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { unitDecider, unitStream, type UnitContext } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { StreamLoader } from '../shared/stream-loader.js';
import { RegisterUnitCommand } from './register-unit.command.js';

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: StreamLoader,
  ) {}

  execute({ input, meta }: RegisterUnitCommand): Promise<CommandAnswer> {
    const { parentId } = input;
    return this.executor.execute({
      meta,
      id: input.unitId,
      stream: unitStream(input.unitId),
      decider: unitDecider,
      command: { type: 'RegisterUnit', data: input },
      // A new unit is in the subtree of its parent; a top-level one is nobody's but an admin's.
      unitsConcerned: async () => [parentId ?? null],
      context: async (today): Promise<UnitContext> => ({
        today,
        ...(parentId ? { parent: await this.streams.unit(parentId) } : {}),
      }),
    });
  }
}
