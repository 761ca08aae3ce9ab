import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig } from '@app/config/app-config';
import { createRedisClient, RedisClient } from '@app/redis/redis-connection';
import { RedisKeys } from '@app/redis/redis-keys';
import { REDIS_CLIENT } from '@app/redis/redis.module';

import { L1Cache } from './l1-cache';

interface InvalidationMessage {
  origin: string;
  keys: string[];
  prefixes: string[];
}

/** Boot waits at most this long for the subscription; later it resubscribes by itself. */
const SUBSCRIBE_WAIT_MS = 3000;

/**
 * Drops first-level copies on every replica when data changes: the changing replica drops its own
 * at once and publishes the keys on a Redis channel that every replica subscribes to (delivery
 * takes milliseconds). Pub/sub is fire-and-forget, so a replica whose subscriber connection was
 * down may have missed messages: it clears its whole L1 when the connection comes back.
 */
@Injectable()
export class InvalidationBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(InvalidationBus.name);
  private readonly instanceId = randomUUID();
  private readonly channel: string;
  private subscriber?: RedisClient;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly l1: L1Cache,
    private readonly config: AppConfig,
    keys: RedisKeys,
  ) {
    this.channel = keys.key('hot', 'invalidations');
  }

  async onModuleInit(): Promise<void> {
    // A connection in subscriber mode can run no other command, so it is a client of its own.
    const subscriber = createRedisClient(this.config, { connectionName: 'hot-cache-invalidations' });
    this.subscriber = subscriber;
    subscriber.on('error', (error: Error) => this.logger.warn(`invalidation subscriber: ${error.message}`));
    subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    this.clearOnReconnect(subscriber);
    // Copies loaded while the request client could not reach Redis are unshared (version 0):
    // drop them too when it is back, or a replica keeps them until their TTL.
    this.clearOnReconnect(this.redis);

    const subscribed = subscriber.subscribe(this.channel).then(() => true);
    const inTime = await Promise.race([subscribed, delay(SUBSCRIBE_WAIT_MS).then(() => false)]).catch(() => false);
    if (!inTime) this.logger.error('Not subscribed to cache invalidations yet; first-level copies rely on their TTL');
  }

  private clearOnReconnect(client: RedisClient): void {
    let connectedBefore = client.status === 'ready';
    client.on('ready', () => {
      if (connectedBefore) this.l1.clear();
      connectedBefore = true;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /**
   * Drops the keys (and every key under the prefixes) here and on every other replica. A failed
   * publish is logged, not thrown: the change itself is stored, and other replicas' copies
   * expire within L1_CACHE_TTL_MS anyway.
   */
  async invalidate(keys: string[], prefixes: string[] = []): Promise<void> {
    this.l1.drop(keys, prefixes);
    const message: InvalidationMessage = { origin: this.instanceId, keys, prefixes };
    await this.redis
      .publish(this.channel, JSON.stringify(message))
      .catch((error: Error) => this.logger.warn(`invalidation not published: ${error.message}`));
  }

  async invalidateEverything(): Promise<void> {
    await this.invalidate([], ['']);
  }

  private receive(raw: string): void {
    const message = JSON.parse(raw) as InvalidationMessage;
    if (message.origin === this.instanceId) return;
    this.l1.drop(message.keys, message.prefixes);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
