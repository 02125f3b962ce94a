import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { phaseDecider, phaseStream } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { DefinePhaseCommand } from './define-phase.command.js';

@CommandHandler(DefinePhaseCommand)
export class DefinePhaseHandler implements ICommandHandler<DefinePhaseCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ input, meta }: DefinePhaseCommand): Promise<CommandAnswer> {
    return this.executor.execute({
      meta,
      id: input.phaseId,
      stream: phaseStream(input.phaseId),
      decider: phaseDecider,
      command: { type: 'DefinePhase', data: input },
      unitsConcerned: async () => [null],
      context: async (today) => ({ today }),
    });
  }
}
