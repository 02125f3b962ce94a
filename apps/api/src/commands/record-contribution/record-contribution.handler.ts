import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ledgerDecider, ledgerStream, type LedgerContext } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { StreamLoader } from '../shared/stream-loader.js';
import { RecordContributionCommand } from './record-contribution.command.js';

@CommandHandler(RecordContributionCommand)
export class RecordContributionHandler implements ICommandHandler<RecordContributionCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: StreamLoader,
  ) {}

  execute({ input, meta }: RecordContributionCommand): Promise<CommandAnswer> {
    const entryId = input.entryId ?? this.executor.newId(meta);
    return this.executor.execute({
      meta,
      id: entryId,
      stream: ledgerStream(input.unitId),
      decider: ledgerDecider,
      command: { type: 'RecordContribution', data: { ...input, entryId } },
      unitsConcerned: async () => [input.unitId],
      context: async (today): Promise<LedgerContext> => ({ today, unit: await this.streams.unit(input.unitId) }),
    });
  }
}
