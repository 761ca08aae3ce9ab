import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import Redis from 'ioredis';

import { AuthenticatedRequest } from '@app/auth/auth.decorators';
import { AppConfig } from '@app/config/app-config';
import { RedisKeys } from '@app/redis/redis-keys';
import { REDIS_CLIENT } from '@app/redis/redis.module';

import { RateLimitGuard } from './rate-limit.guard';

/**
 * Request limits counted in Redis, so they hold across API replicas. Two limits apply together on
 * a guarded route: per signed-in user and per client IP. Routes opt in with @UseGuards(RateLimitGuard).
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS_CLIENT, RedisKeys],
      useFactory: (config: AppConfig, redis: Redis, keys: RedisKeys) => ({
        // The app's fail-fast client: Redis down means 503, never requests hanging in a queue.
        storage: new ThrottlerStorageRedisService(redis),
        throttlers: [
          {
            name: 'user',
            ttl: config.rateLimit.windowMs,
            limit: config.rateLimit.perUser,
            getTracker: (request) => `u${(request as AuthenticatedRequest).user?.id ?? 'anonymous'}`,
          },
          { name: 'ip', ttl: config.rateLimit.windowMs, limit: config.rateLimit.perIp, getTracker: (request) => (request as AuthenticatedRequest).ip },
        ],
        // Under the app's prefix (the storage wraps it in a hash tag), readable by an operator.
        generateKey: (context, tracker, throttler) => keys.key('rate', context.getClass().name, context.getHandler().name, throttler, tracker),
      }),
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
