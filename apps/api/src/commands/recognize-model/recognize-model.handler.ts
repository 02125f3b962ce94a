import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { modelDecider, modelStream, type ModelContext } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { StreamLoader } from '../shared/stream-loader.js';
import { RecognizeModelCommand } from './recognize-model.command.js';

@CommandHandler(RecognizeModelCommand)
export class RecognizeModelHandler implements ICommandHandler<RecognizeModelCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: StreamLoader,
  ) {}

  execute({ input, meta }: RecognizeModelCommand): Promise<CommandAnswer> {
    return this.executor.execute({
      meta,
      id: input.modelId,
      stream: modelStream(input.modelId),
      decider: modelDecider,
      command: { type: 'RecognizeModel', data: input },
      unitsConcerned: async (state) => (state.status === 'none' ? [] : [state.unitId]),
      context: async (today): Promise<ModelContext> => ({ today, byUnit: await this.streams.unit(input.byUnitId) }),
    });
  }
}
