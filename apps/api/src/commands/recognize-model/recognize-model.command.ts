import { Command } from '@nestjs/cqrs';
import type { RecognizeModel } from '#domain';
import type { CommandAnswer } from '../shared/command-answer.js';
import type { CommandMeta } from '../shared/command-meta.js';

export class RecognizeModelCommand extends Command<CommandAnswer> {
  constructor(
    readonly input: RecognizeModel['data'],
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
