import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { awardDecider, awardStream, type AwardContext } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { StreamLoader } from '../shared/stream-loader.js';
import { reserveAwardKey } from './award-key-reservation.js';
import { GrantAwardCommand } from './grant-award.command.js';

@CommandHandler(GrantAwardCommand)
export class GrantAwardHandler implements ICommandHandler<GrantAwardCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: StreamLoader,
  ) {}

  execute({ input, meta }: GrantAwardCommand): Promise<CommandAnswer> {
    const awardId = input.awardId ?? this.executor.newId(meta);
    const { modelId } = input;
    return this.executor.execute({
      meta,
      id: awardId,
      stream: awardStream(awardId),
      decider: awardDecider,
      command: { type: 'GrantAward', data: { ...input, awardId } },
      unitsConcerned: async () => [input.recipientUnitId, ...(await this.streams.unitsOfModel(modelId))],
      context: async (today): Promise<AwardContext> => ({
        today,
        recipientUnit: await this.streams.unit(input.recipientUnitId),
        issuerUnit: await this.streams.unit(input.issuerUnitId),
        ...(modelId ? { model: await this.streams.model(modelId) } : {}),
      }),
      // Decided first (a refused grant reserves nothing), reserved before it is written.
      beforeAppend: async (events) => {
        for (const event of events) {
          if (event.type === 'AwardGranted') await reserveAwardKey(this.streams, this.executor, event.data, meta);
        }
      },
    });
  }
}
