import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';

import { AppConfig } from '@app/config/app-config';

import { createRedisClient, RedisClient, requestPathBehaviour } from './redis-connection';
import { REDIS_CLIENT } from './redis-client.token';
import { RedisKeys } from './redis-keys';
import { RedisLock } from './redis-lock';

export { REDIS_CLIENT };

const logger = new Logger('Redis');

async function connectRedis(config: AppConfig): Promise<RedisClient> {
  const client = createRedisClient(config, { ...requestPathBehaviour(config), lazyConnect: true, connectionName: 'app' });
  client.on('error', (error: Error) => logger.warn(`Redis connection: ${error.message}`));

  // Boot does not fail while Redis is down: readiness reports it and the client keeps reconnecting.
  const ready = new Promise<boolean>((resolve) => client.once('ready', () => resolve(true)));
  client.connect().catch(() => undefined);
  const connected = await Promise.race([ready, delay(3000).then(() => false)]);
  if (!connected) logger.error('Redis did not answer at boot; serving degraded until it does');

  return client;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

@Global()
@Module({
  providers: [RedisLock, { provide: REDIS_CLIENT, useFactory: connectRedis, inject: [AppConfig] }, RedisKeys],
  exports: [REDIS_CLIENT, RedisKeys, RedisLock],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
