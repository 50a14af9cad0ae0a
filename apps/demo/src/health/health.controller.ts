import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { EngageHealthIndicator } from './engage-health.indicator.js';

/** `GET /health`: 200 when Engage (or the embedded emulator) answers, 503 when it does not. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly engage: EngageHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.engage.isAnswering('engage')]);
  }
}
