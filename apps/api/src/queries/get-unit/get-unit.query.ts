import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UnitsReader, type UnitView } from '#read-models';

export class GetUnitQuery extends Query<UnitView> {
  constructor(readonly unitId: string) {
    super();
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery> {
  constructor(@Inject(UnitsReader) private readonly units: UnitsReader) {}

  execute(query: GetUnitQuery): Promise<UnitView> {
    return this.units.unit(query.unitId);
  }
}
