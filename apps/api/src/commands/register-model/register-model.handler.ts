import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { modelDecider, modelStream, type ModelContext } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { StreamLoader } from '../shared/stream-loader.js';
import { RegisterModelCommand } from './register-model.command.js';

@CommandHandler(RegisterModelCommand)
export class RegisterModelHandler implements ICommandHandler<RegisterModelCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: StreamLoader,
  ) {}

  execute({ input, meta }: RegisterModelCommand): Promise<CommandAnswer> {
    const modelId = input.modelId ?? this.executor.newId(meta);
    return this.executor.execute({
      meta,
      id: modelId,
      stream: modelStream(modelId),
      decider: modelDecider,
      command: { type: 'RegisterModel', data: { ...input, modelId } },
      unitsConcerned: async () => [input.unitId],
      context: async (today): Promise<ModelContext> => ({ today, unit: await this.streams.unit(input.unitId) }),
    });
  }
}
