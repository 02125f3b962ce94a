import { Command } from '@nestjs/cqrs';
import type { RegisterUnit } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';

export class RegisterUnitCommand extends Command<CommandAnswer> {
  constructor(
    readonly input: RegisterUnit['data'],
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
