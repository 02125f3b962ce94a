import { Module } from '@nestjs/common';
import { GetAwardController } from './get-award/get-award.controller.js';
import { GetAwardHandler } from './get-award/get-award.query.js';
import { GetModelController } from './get-model/get-model.controller.js';
import { GetModelHandler } from './get-model/get-model.query.js';
import { GetPhaseController } from './get-phase/get-phase.controller.js';
import { GetPhaseHandler } from './get-phase/get-phase.query.js';
import { GetStatsSeriesController } from './get-stats-series/get-stats-series.controller.js';
import { GetStatsSeriesHandler } from './get-stats-series/get-stats-series.query.js';
import { GetStatsController } from './get-stats/get-stats.controller.js';
import { GetStatsHandler } from './get-stats/get-stats.query.js';
import { GetUnitController } from './get-unit/get-unit.controller.js';
import { GetUnitHandler } from './get-unit/get-unit.query.js';
import { ListAwardsController } from './list-awards/list-awards.controller.js';
import { ListAwardsHandler } from './list-awards/list-awards.query.js';
import { ListModelsController } from './list-models/list-models.controller.js';
import { ListModelsHandler } from './list-models/list-models.query.js';
import { ListPhasesController } from './list-phases/list-phases.controller.js';
import { ListPhasesHandler } from './list-phases/list-phases.query.js';
import { ConsistencyInterceptor } from './shared/consistency.interceptor.js';
import { READER_PROVIDERS } from './shared/readers.providers.js';

/**
 * The read side of the HTTP API (API.md "Queries"). Needs, from global modules:
 * READ_MODELS and CONSISTENCY_GATE (store), APP_CONFIG (infrastructure) and the
 * QueryBus (`CqrsModule.forRoot()`).
 */
@Module({
  controllers: [
    GetStatsController,
    GetStatsSeriesController,
    GetUnitController,
    ListPhasesController,
    GetPhaseController,
    ListModelsController,
    GetModelController,
    ListAwardsController,
    GetAwardController,
  ],
  providers: [
    ...READER_PROVIDERS,
    ConsistencyInterceptor,
    GetStatsHandler,
    GetStatsSeriesHandler,
    GetUnitHandler,
    ListPhasesHandler,
    GetPhaseHandler,
    ListModelsHandler,
    GetModelHandler,
    ListAwardsHandler,
    GetAwardHandler,
  ],
})
export class QueriesModule {}
