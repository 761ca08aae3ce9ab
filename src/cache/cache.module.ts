import { CacheModule as NestCacheModule } from '@nestjs/cache-manager';
import { Logger, Module } from '@nestjs/common';
import { KeyvAdapter } from 'cache-manager';
import { redisInsStore } from 'cache-manager-ioredis-yet';
import Keyv from 'keyv';

import { RedisClient } from '@app/redis/redis-connection';
import { RedisKeys } from '@app/redis/redis-keys';
import { REDIS_CLIENT } from '@app/redis/redis.module';

import { bridgeLegacyStore } from './legacy-store-bridge';

const logger = new Logger('Cache');

/**
 * @nestjs/cache-manager 3 runs on cache-manager 7, whose stores are Keyv stores.
 * cache-manager-ioredis-yet is a cache-manager 5 ("legacy") store, so it is wrapped in
 * cache-manager's KeyvAdapter. It is built on the app's existing ioredis client, so the cache
 * shares its connection, timeouts and fail-fast behaviour instead of opening a second setup.
 * See docs/decisions/001-cache-store.md.
 */
export function createCacheStore(redis: RedisClient, keys: RedisKeys): Keyv {
  const store = new Keyv({
    store: new KeyvAdapter(bridgeLegacyStore(redisInsStore(redis))),
    namespace: keys.key('cache'),
  });
  // Redis down: the cache misses and the caller falls through to PostgreSQL.
  store.on('error', (error: Error) => logger.warn(`cache store: ${error.message}`));

  return store;
}

@Module({
  imports: [
    NestCacheModule.registerAsync({
      isGlobal: true,
      inject: [REDIS_CLIENT, RedisKeys],
      useFactory: (redis: RedisClient, keys: RedisKeys) => ({ stores: [createCacheStore(redis, keys)] }),
    }),
  ],
})
export class CacheModule {}
