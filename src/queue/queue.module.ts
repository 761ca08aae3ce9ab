import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { AppConfig } from '@app/config/app-config';
import { redisConnectionOptions } from '@app/redis/redis-connection';

import { ListPump } from './list-pump';
import { ALL_QUEUES } from './queue-names';

/**
 * BullMQ for every domain module: one connection setup (shared with the app's Redis client) and
 * one set of job defaults. The prefix is a hash tag so a queue's keys share one Redis Cluster slot.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisConnectionOptions(config),
        prefix: `{${config.redis.keyPrefix}bull}`,
        defaultJobOptions: {
          attempts: 8,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: { age: 24 * 3600, count: 50_000 },
          // Kept for a week so that operators can see, and retry, what kept failing.
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [ListPump],
  exports: [BullModule, ListPump],
})
export class QueueModule {}
