import { Command } from '@nestjs/cqrs';
import type { WithdrawModel } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';

export class WithdrawModelCommand extends Command<CommandAnswer> {
  constructor(
    readonly input: WithdrawModel['data'],
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
