import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PhasesReader, type PhaseView } from '#read-models';

export class GetPhaseQuery extends Query<PhaseView> {
  constructor(readonly phaseId: string) {
    super();
  }
}

@QueryHandler(GetPhaseQuery)
export class GetPhaseHandler implements IQueryHandler<GetPhaseQuery> {
  constructor(@Inject(PhasesReader) private readonly phases: PhasesReader) {}

  execute(query: GetPhaseQuery): Promise<PhaseView> {
    return this.phases.phase(query.phaseId);
  }
}
