import { Command } from '@nestjs/cqrs';
import type { DefinePhase } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';

export class DefinePhaseCommand extends Command<CommandAnswer> {
  constructor(
    readonly input: DefinePhase['data'],
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
