import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { QueueModule } from '@app/queue/queue.module';

import { GracefulShutdown } from './graceful-shutdown';
import { HealthController } from './health.controller';
import { Readiness } from './readiness';
import { RedisHealthIndicator } from './redis.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), QueueModule],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, Readiness, GracefulShutdown],
  exports: [Readiness],
})
export class HealthModule {}
