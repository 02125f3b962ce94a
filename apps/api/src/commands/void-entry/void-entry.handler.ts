import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ledgerDecider, ledgerStream } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { VoidEntryCommand } from './void-entry.command.js';

@CommandHandler(VoidEntryCommand)
export class VoidEntryHandler implements ICommandHandler<VoidEntryCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ input, meta }: VoidEntryCommand): Promise<CommandAnswer> {
    return this.executor.execute({
      meta,
      id: input.entryId,
      stream: ledgerStream(input.unitId),
      decider: ledgerDecider,
      command: { type: 'VoidEntry', data: input },
      unitsConcerned: async () => [input.unitId],
      context: async (today) => ({ today }),
    });
  }
}
