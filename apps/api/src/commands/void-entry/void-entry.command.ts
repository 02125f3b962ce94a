import { Command } from '@nestjs/cqrs';
import type { VoidEntry } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';

export class VoidEntryCommand extends Command<CommandAnswer> {
  constructor(
    readonly input: VoidEntry['data'],
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
