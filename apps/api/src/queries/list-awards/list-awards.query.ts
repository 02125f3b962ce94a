import { HttpStatus, Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AwardsReader, decodeCursor, type AwardFilter, type AwardView, type PageView } from '#read-models';
import { ApiError } from '../../infrastructure/index.js';

export class ListAwardsQuery extends Query<PageView<AwardView>> {
  constructor(
    readonly filter: Omit<AwardFilter, 'afterId'>,
    readonly cursor?: string,
  ) {
    super();
  }
}

@QueryHandler(ListAwardsQuery)
export class ListAwardsHandler implements IQueryHandler<ListAwardsQuery> {
  constructor(@Inject(AwardsReader) private readonly awards: AwardsReader) {}

  execute(query: ListAwardsQuery): Promise<PageView<AwardView>> {
    const { from, to } = query.filter;
    if (from !== undefined && to !== undefined && to < from) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request is not valid', [
        { field: 'to', message: 'must not be before from' },
      ]);
    }
    const afterId = query.cursor === undefined ? undefined : decodeCursor('awards', query.cursor);
    return this.awards.awards({ ...query.filter, afterId });
  }
}
