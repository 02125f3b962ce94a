// Wiring, in main.ts:
//   const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
//   configureHttpApp(app);
//   await app.listen(app.get<AppConfig>(APP_CONFIG).port);
// with AppModule importing InfrastructureModule.forRoot({ readinessChecks }) (or the modules one by one).

export { APP_CONFIG, AppConfigModule } from './config/app-config.module.js';
export { LOG_LEVELS, loadAppConfig } from './config/app-config.js';
export type { AppConfig, LogLevel, StoreMode } from './config/app-config.js';

export { ApiError, apiErrorBody } from './errors/api-error.js';
export type { ApiErrorBody, ApiErrorDetail } from './errors/api-error.js';
export { ApiErrorContentDto, ApiErrorDetailDto, ApiErrorResponseDto } from './errors/api-error-response.dto.js';
export { codeForStatus, mapException } from './errors/exception-mapping.js';
export { HttpExceptionFilter } from './errors/http-exception.filter.js';

export { createValidationPipe } from './validation/validation.pipe.js';
export { validationDetails } from './validation/validation-details.js';

export { REQUEST_ID_HEADER, assignRequestId, isAcceptableRequestId } from './request-context/request-id.js';
export type { RequestWithId } from './request-context/request-id.js';
export { RequestId } from './request-context/request-id.decorator.js';
export { requestIdMiddleware } from './request-context/request-id.middleware.js';

export { OPENAPI_JSON_PATH, OPENAPI_UI_PATH, setupOpenApi } from './openapi/openapi.js';

export { HealthModule } from './health/health.module.js';
export type { HealthModuleOptions, ReadinessChecksProvider } from './health/health.module.js';
export { READINESS_CHECKS } from './health/readiness-check.js';
export type { ReadinessCheck } from './health/readiness-check.js';

export { MetricsModule } from './metrics/metrics.module.js';
export { METRICS_REGISTRY, metricsRegistry } from './metrics/metrics.registry.js';

export { LoggingModule } from './logging/logging.module.js';
export { loggerParams } from './logging/logger-params.js';
export type { LoggerParamsOptions } from './logging/logger-params.js';

export { InfrastructureModule } from './infrastructure.module.js';
export type { InfrastructureOptions } from './infrastructure.module.js';
export { JSON_BODY_LIMIT, configureHttpApp } from './http-app.js';
