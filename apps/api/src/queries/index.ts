export { QueriesModule } from './queries.module.js';
export { ConsistencyInterceptor, ConsistentRead } from './shared/consistency.interceptor.js';
export { ReadQueryDto, PageQueryDto } from './shared/read-query.dto.js';
