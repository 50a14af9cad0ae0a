import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { EngageHealthIndicator } from './engage-health.indicator.js';

/** `GET /health`: 200 when Engage (or the embedded emulator) answers, 503 when it does not. */
@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly engage: EngageHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Whether Engage (or the embedded emulator) answers at its base URL' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.engage.isAnswering('engage')]);
  }
}
