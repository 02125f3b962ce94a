import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { modelDecider, modelStream } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { WithdrawModelCommand } from './withdraw-model.command.js';

@CommandHandler(WithdrawModelCommand)
export class WithdrawModelHandler implements ICommandHandler<WithdrawModelCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ input, meta }: WithdrawModelCommand): Promise<CommandAnswer> {
    return this.executor.execute({
      meta,
      id: input.modelId,
      stream: modelStream(input.modelId),
      decider: modelDecider,
      command: { type: 'WithdrawModel', data: input },
      unitsConcerned: async (state) => (state.status === 'none' ? [] : [state.unitId]),
      context: async (today) => ({ today }),
    });
  }
}
