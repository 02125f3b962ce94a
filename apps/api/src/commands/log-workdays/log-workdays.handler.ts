import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ledgerDecider, ledgerStream, type LedgerContext } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { StreamLoader } from '../shared/stream-loader.js';
import { LogWorkdaysCommand } from './log-workdays.command.js';

@CommandHandler(LogWorkdaysCommand)
export class LogWorkdaysHandler implements ICommandHandler<LogWorkdaysCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: StreamLoader,
  ) {}

  execute({ input, meta }: LogWorkdaysCommand): Promise<CommandAnswer> {
    const entryId = input.entryId ?? this.executor.newId(meta);
    const { modelId } = input;
    return this.executor.execute({
      meta,
      id: entryId,
      stream: ledgerStream(input.unitId),
      decider: ledgerDecider,
      command: { type: 'LogWorkdays', data: { ...input, entryId } },
      unitsConcerned: async () => [input.unitId, ...(await this.streams.unitsOfModel(modelId))],
      context: async (today): Promise<LedgerContext> => ({
        today,
        unit: await this.streams.unit(input.unitId),
        ...(modelId ? { model: await this.streams.model(modelId) } : {}),
      }),
    });
  }
}
