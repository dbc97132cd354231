import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { JobQueue } from '../jobs/job-queue';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly jobs: JobQueue,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: 'Database and queue are up' })
  @ApiServiceUnavailableResponse({ description: 'One of them is down' })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      async () => {
        const queue = this.indicators.check('queue');
        try {
          await this.jobs.ping();
          return queue.up({ kind: this.jobs.kind });
        } catch (error) {
          return queue.down({ kind: this.jobs.kind, message: error instanceof Error ? error.message : String(error) });
        }
      },
    ]);
  }
}
