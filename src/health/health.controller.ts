import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';

import { Public } from '@app/auth/auth.decorators';
import { AppConfig } from '@app/config/app-config';
import { AppError } from '@app/errors/app-error';

import { HealthErrors } from './health.errors';
import { QueueDepthIndicator } from './queue.health';
import { Readiness } from './readiness';
import { RedisHealthIndicator } from './redis.health';

/** For load balancers and orchestrators; outside the versioned API prefix. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queues: QueueDepthIndicator,
    private readonly config: AppConfig,
    private readonly readiness: Readiness,
  ) {}

  /** The process is up. Never checks dependencies: a database outage must not restart every pod. */
  @Get('live')
  @ApiOkResponse({ description: 'The process is running' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Ready to take traffic: not shutting down, and PostgreSQL and Redis each answered within the
   * configured timeout. The details carry each queue's depth.
   */
  @Get('ready')
  @ApiOkResponse({ description: 'PostgreSQL and Redis answer' })
  @ApiServiceUnavailableResponse({ description: 'Shutting down, or a dependency is down; details name it' })
  async ready(): Promise<HealthCheckResult> {
    if (this.readiness.draining) throw HealthErrors.shuttingDown();
    const timeout = this.config.health.timeoutMs;
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout }),
        () => this.redis.ping('redis', timeout),
        () => this.queues.depth('queues', timeout),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      throw AppError.unavailable(`Not ready: ${down.join(', ')} unavailable`, result).notAFault();
    }
  }
}
