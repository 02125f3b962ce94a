import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { METRICS_REGISTRY, metricsRegistry } from './metrics.registry.js';

/** Serves GET /metrics; global so any module can inject METRICS_REGISTRY. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: METRICS_REGISTRY, useValue: metricsRegistry }],
  exports: [METRICS_REGISTRY],
})
export class MetricsModule {}
