import { Command } from '@nestjs/cqrs';
import type { RevokeAward } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';

export class RevokeAwardCommand extends Command<CommandAnswer> {
  constructor(
    readonly input: RevokeAward['data'],
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
