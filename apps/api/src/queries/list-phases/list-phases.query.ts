import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PhasesReader, type PhaseView } from '#read-models';

export interface PhaseListView {
  readonly items: PhaseView[];
}

export class ListPhasesQuery extends Query<PhaseListView> {}

@QueryHandler(ListPhasesQuery)
export class ListPhasesHandler implements IQueryHandler<ListPhasesQuery> {
  constructor(@Inject(PhasesReader) private readonly phases: PhasesReader) {}

  async execute(): Promise<PhaseListView> {
    return { items: await this.phases.phases() };
  }
}
