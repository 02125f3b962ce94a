import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ModelsReader, type ModelView } from '#read-models';

export class GetModelQuery extends Query<ModelView> {
  constructor(readonly modelId: string) {
    super();
  }
}

@QueryHandler(GetModelQuery)
export class GetModelHandler implements IQueryHandler<GetModelQuery> {
  constructor(@Inject(ModelsReader) private readonly models: ModelsReader) {}

  execute(query: GetModelQuery): Promise<ModelView> {
    return this.models.model(query.modelId);
  }
}
