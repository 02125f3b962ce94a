import { Command } from '@nestjs/cqrs';
import type { MergeUnit } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';

export class MergeUnitCommand extends Command<CommandAnswer> {
  constructor(
    readonly input: MergeUnit['data'],
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
