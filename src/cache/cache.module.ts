import { CacheModule as NestCacheModule } from '@nestjs/cache-manager';
import { Global, Module } from '@nestjs/common';
import { KeyvAdapter } from 'cache-manager';
import { redisInsStore } from 'cache-manager-ioredis-yet';
import Keyv, { DeserializedData } from 'keyv';

import { MetricsRegistry } from '@app/metrics/metrics.registry';
import { RedisClient } from '@app/redis/redis-connection';
import { RedisKeys } from '@app/redis/redis-keys';
import { REDIS_CLIENT } from '@app/redis/redis.module';

import { CacheMetrics } from './cache-metrics';
import { bridgeLegacyStore } from './legacy-store-bridge';
import { ReadThroughCache } from './read-through-cache';

/**
 * @nestjs/cache-manager 3 runs on cache-manager 7, whose stores are Keyv stores.
 * cache-manager-ioredis-yet is a cache-manager 5 ("legacy") store, so it is wrapped in
 * cache-manager's KeyvAdapter. It is built on the app's existing ioredis client, so the cache
 * shares its connection, timeouts and fail-fast behaviour instead of opening a second setup.
 * See docs/decisions/001-cache-store.md.
 */
export function createCacheStore(redis: RedisClient, keys: RedisKeys, onError: (error: Error) => void): Keyv {
  const store = new Keyv({
    store: new KeyvAdapter(bridgeLegacyStore(redisInsStore(redis))),
    namespace: keys.key('cache'),
    // Plain JSON: cached values are JSON-safe by design (no Buffers, no Dates), and Keyv's default
    // deserializer runs a reviver over every node, which made a cached 40-order page about 4 times
    // slower to decode (measured with scripts/bench-cache.ts).
    serialize: (data) => JSON.stringify(data),
    deserialize: <Value>(data: string) => JSON.parse(data) as DeserializedData<Value>,
  });
  // Redis down: Keyv reports the failure here and answers a miss, so the caller reads PostgreSQL.
  store.on('error', onError);

  return store;
}

/** The cache store, and ReadThroughCache (@CacheFirst) for every domain module. */
@Global()
@Module({
  imports: [
    NestCacheModule.registerAsync({
      isGlobal: true,
      inject: [REDIS_CLIENT, RedisKeys, MetricsRegistry],
      useFactory: (redis: RedisClient, keys: RedisKeys, metrics: MetricsRegistry) => {
        const cacheMetrics = new CacheMetrics(metrics);
        return { stores: [createCacheStore(redis, keys, (error) => cacheMetrics.redisFailed('store', error))] };
      },
    }),
  ],
  providers: [ReadThroughCache],
  exports: [ReadThroughCache],
})
export class CacheModule {}
