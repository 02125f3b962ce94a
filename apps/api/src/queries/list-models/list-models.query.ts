import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, ModelsReader, type ModelFilter, type ModelView, type PageView } from '#read-models';

export class ListModelsQuery extends Query<PageView<ModelView>> {
  constructor(
    readonly filter: Omit<ModelFilter, 'afterId'>,
    readonly cursor?: string,
  ) {
    super();
  }
}

@QueryHandler(ListModelsQuery)
export class ListModelsHandler implements IQueryHandler<ListModelsQuery> {
  constructor(@Inject(ModelsReader) private readonly models: ModelsReader) {}

  execute(query: ListModelsQuery): Promise<PageView<ModelView>> {
    const afterId = query.cursor === undefined ? undefined : decodeCursor('models', query.cursor);
    return this.models.models({ ...query.filter, afterId });
  }
}
