import { BullModule } from '@nestjs/bullmq';
import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConnectionOptions } from 'bullmq';
import Redis, { Cluster } from 'ioredis';

import { AppConfig } from '@app/config/app-config';
import { createRedisClient, isClusterMode, redisConnectionOptions } from '@app/redis/redis-connection';

import { ListPump } from './list-pump';
import { ALL_QUEUES } from './queue-names';
import { QueueWorkers } from './queue-workers';

const BULL_CONNECTION = Symbol('BULL_CONNECTION');

/**
 * For a single Redis, options: BullMQ opens its own clients from them. For a Redis Cluster, one
 * Cluster client that every queue shares (BullMQ builds no cluster client from options; workers
 * duplicate it for their blocking connection). BullMQ requires `maxRetriesPerRequest: null` there.
 */
function bullConnection(config: AppConfig): ConnectionOptions {
  if (!isClusterMode(config)) return redisConnectionOptions(config);

  return createRedisClient(config, { maxRetriesPerRequest: null, connectionName: 'bull' });
}

@Module({
  providers: [{ provide: BULL_CONNECTION, useFactory: bullConnection, inject: [AppConfig] }],
  exports: [BULL_CONNECTION],
})
class BullConnectionModule implements OnApplicationShutdown {
  constructor(@Inject(BULL_CONNECTION) private readonly connection: ConnectionOptions) {}

  /** Runs after QueueWorkers.close (a before-shutdown step), so no job still needs the client. */
  async onApplicationShutdown(): Promise<void> {
    const connection = this.connection;
    if (connection instanceof Cluster || connection instanceof Redis) await connection.quit().catch(() => connection.disconnect());
  }
}

/**
 * BullMQ for every domain module: one connection setup (shared with the app's Redis client) and
 * one set of job defaults. The prefix is a hash tag so a queue's keys share one Redis Cluster slot,
 * as BullMQ requires for its multi-key scripts.
 */
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      imports: [BullConnectionModule],
      inject: [AppConfig, BULL_CONNECTION],
      useFactory: (config: AppConfig, connection: ConnectionOptions) => ({
        connection,
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
  providers: [ListPump, QueueWorkers],
  exports: [BullModule, ListPump, QueueWorkers],
})
export class QueueModule {}
