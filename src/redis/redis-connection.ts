import Redis, { Cluster, RedisOptions } from 'ioredis';

import { AppConfig } from '@app/config/app-config';

/** A single Redis or a Redis Cluster: both speak the same commands (see the README's hash-tag rule). */
export type RedisClient = Redis | Cluster;

/**
 * The one place that turns config into ioredis options. The app's client, the cache store and
 * BullMQ's connections are all built from it, so they agree on host, database and timeouts.
 *
 * No ioredis `keyPrefix`: BullMQ refuses it, so keys are prefixed explicitly (see RedisKeys).
 */
export function redisConnectionOptions(config: AppConfig): RedisOptions {
  const url = new URL(config.redis.url.reveal());
  const database = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;

  return { host: url.hostname, port: url.port ? Number(url.port) : 6379, db: database, ...nodeOptions(config) };
}

/** What every connection to every node shares: credentials, TLS, timeouts. */
function nodeOptions(config: AppConfig): RedisOptions {
  const url = new URL(config.redis.url.reveal());

  return {
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    connectTimeout: 2000,
    // Reconnect forever, at most once a second, so the service recovers without a restart.
    retryStrategy: reconnectDelay,
  };
}

function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, 1000);
}

/**
 * Behaviour of request-path clients: while Redis is unreachable a command fails at once instead
 * of waiting in ioredis's offline queue, so callers can answer 503 (or fall back) without hanging.
 */
export function requestPathBehaviour(config: AppConfig): RedisOptions {
  return { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: config.redis.commandTimeoutMs };
}

export function isClusterMode(config: AppConfig): boolean {
  return config.redis.clusterNodes.length > 0;
}

/**
 * A client with the given behaviour (offline queue, retries, name): a plain ioredis client by
 * default, a Cluster client when REDIS_CLUSTER_NODES is set. In cluster mode REDIS_URL still
 * gives the credentials and TLS of every node; the client learns the topology from the seed nodes
 * and follows MOVED/ASK redirections after a failover or resharding.
 */
export function createRedisClient(config: AppConfig, behaviour: RedisOptions): RedisClient {
  if (!isClusterMode(config)) return new Redis({ ...redisConnectionOptions(config), ...behaviour });

  return new Cluster(config.redis.clusterNodes, {
    redisOptions: { ...nodeOptions(config), ...behaviour },
    enableOfflineQueue: behaviour.enableOfflineQueue,
    lazyConnect: behaviour.lazyConnect,
    clusterRetryStrategy: reconnectDelay,
    // Reads stay on masters: replicas lag, and the Lua scripts decide on what they read.
    scaleReads: 'master',
  });
}
