import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { awardDecider, awardStream } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { RevokeAwardCommand } from './revoke-award.command.js';

@CommandHandler(RevokeAwardCommand)
export class RevokeAwardHandler implements ICommandHandler<RevokeAwardCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ input, meta }: RevokeAwardCommand): Promise<CommandAnswer> {
    return this.executor.execute({
      meta,
      id: input.awardId,
      stream: awardStream(input.awardId),
      decider: awardDecider,
      command: { type: 'RevokeAward', data: input },
      unitsConcerned: async (state) => (state.status === 'none' ? [] : [state.recipientUnitId]),
      context: async (today) => ({ today }),
    });
  }
}
