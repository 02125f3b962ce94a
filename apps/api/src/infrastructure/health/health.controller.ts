import { Controller, Get, HttpStatus, Inject, Logger, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { READINESS_CHECKS, READINESS_TIMEOUT_MS } from './readiness-check.js';
import type { ReadinessCheck } from './readiness-check.js';

interface StatusResponse {
  status(code: number): unknown;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
    @Inject(READINESS_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  /** Answers as long as the event loop does: a restart would not fix a slow store. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) response: StatusResponse): Promise<HealthCheckResult | object> {
    try {
      return await this.health.check(
        this.checks.map(
          (readiness) => () =>
            this.indicators
              .check(readiness.name)
              .attempt(({ signal }) => readiness.check({ signal }))
              .withTimeout(this.timeoutMs),
        ),
      );
    } catch (error) {
      // Terminus's own body (which check is down and why) is what probes and operators
      // read, so it is answered as is rather than folded into the API error shape.
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as Partial<HealthCheckResult>;
        this.logger.warn(`Not ready: ${JSON.stringify(body.error ?? {})}`);
        response.status(HttpStatus.SERVICE_UNAVAILABLE);
        return body;
      }
      throw error;
    }
  }
}
