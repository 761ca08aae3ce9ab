import Redis from 'ioredis';

import { RedisKeys } from '@app/redis/redis-keys';

/**
 * Drops the cached first page of each user's order list after a worker wrote or cancelled their
 * flash-sale order. TODO(merge with issue 3): call the orders module's own invalidation method
 * instead; this guesses its key, `cache:orders:<user id>:first-page`.
 */
export async function forgetOrderListFirstPages(redis: Redis, keys: RedisKeys, userIds: number[]): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await redis.unlink(...unique.map((userId) => keys.key('cache', 'orders', userId, 'first-page')));
}
