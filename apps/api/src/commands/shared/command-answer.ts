import { ApiProperty } from '@nestjs/swagger';

/** What every command answers (201). */
export interface CommandAnswer {
  /** The id of the thing the command is about (generated when the body left it out). */
  readonly id: string;
  readonly stream: string;
  /** Revision of the last event written, in its stream (0-based). */
  readonly revision: number;
  /** Log position of the last event written, as a decimal string (`consistentWith=`). */
  readonly position: string;
}

/** The OpenAPI description of CommandAnswer. */
export class CommandAnswerDto implements CommandAnswer {
  @ApiProperty({ example: 'lam-binh', description: 'The id of the unit, phase, model, award or entry' })
  id!: string;

  @ApiProperty({ example: 'unit-lam-binh', description: 'The stream the command wrote to' })
  stream!: string;

  @ApiProperty({ example: 0, type: 'integer', description: 'Revision of the event in its stream (0-based)' })
  revision!: number;

  @ApiProperty({
    example: '1042',
    pattern: '^[0-9]+$',
    description: 'Log position of the event, a decimal string; pass it as `consistentWith` to a query',
  })
  position!: string;
}

export function isCommandAnswer(value: unknown): value is CommandAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as Record<string, unknown>;
  return (
    typeof answer['id'] === 'string' &&
    typeof answer['stream'] === 'string' &&
    typeof answer['revision'] === 'number' &&
    typeof answer['position'] === 'string'
  );
}
