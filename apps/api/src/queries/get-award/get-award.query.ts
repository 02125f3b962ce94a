import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AwardsReader, type AwardView } from '#read-models';

export class GetAwardQuery extends Query<AwardView> {
  constructor(readonly awardId: string) {
    super();
  }
}

@QueryHandler(GetAwardQuery)
export class GetAwardHandler implements IQueryHandler<GetAwardQuery> {
  constructor(@Inject(AwardsReader) private readonly awards: AwardsReader) {}

  execute(query: GetAwardQuery): Promise<AwardView> {
    return this.awards.award(query.awardId);
  }
}
