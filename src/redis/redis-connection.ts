import { RedisOptions } from 'ioredis';

import { AppConfig } from '@app/config/app-config';

/**
 * The one place that turns config into ioredis options. The app's client, the cache store and
 * BullMQ's connections are all built from it, so they agree on host, database and timeouts.
 *
 * No ioredis `keyPrefix`: BullMQ refuses it, so keys are prefixed explicitly (see RedisKeys).
 */
export function redisConnectionOptions(config: AppConfig): RedisOptions {
  const url = new URL(config.redis.url.reveal());
  const database = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;

  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    db: database,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    connectTimeout: 2000,
    // Reconnect forever, at most once a second, so the service recovers without a restart.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  };
}

/**
 * Options for request-path clients: while Redis is unreachable a command fails at once instead of
 * waiting in ioredis's offline queue, so callers can answer 503 (or fall back) without hanging.
 */
export function requestPathRedisOptions(config: AppConfig): RedisOptions {
  return {
    ...redisConnectionOptions(config),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: config.redis.commandTimeoutMs,
  };
}
