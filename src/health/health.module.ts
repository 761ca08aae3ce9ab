import { getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { Queue } from 'bullmq';

import { ALL_QUEUES } from '@app/queue/queue-names';
import { QueueModule } from '@app/queue/queue.module';

import { GracefulShutdown } from './graceful-shutdown';
import { HealthController } from './health.controller';
import { QueueDepthIndicator } from './queue.health';
import { Readiness } from './readiness';
import { RedisHealthIndicator } from './redis.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), QueueModule],
  controllers: [HealthController],
  providers: [
    RedisHealthIndicator,
    Readiness,
    GracefulShutdown,
    {
      provide: QueueDepthIndicator,
      inject: [HealthIndicatorService, ...ALL_QUEUES.map((name) => getQueueToken(name))],
      useFactory: (indicators: HealthIndicatorService, ...queues: Queue[]) => new QueueDepthIndicator(indicators, queues),
    },
  ],
  exports: [Readiness],
})
export class HealthModule {}
