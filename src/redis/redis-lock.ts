import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';

import { REDIS_CLIENT } from './redis-client.token';

/** Deletes the lock only while it still holds our token, so a late holder never frees another's. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

interface LockScripts {
  redisLockRelease(key: string, token: string): Promise<number>;
}

export interface HeldLock {
  token: string;
  release(): Promise<void>;
}

/**
 * A single-holder lock in Redis (SET NX PX) with an expiry, so a holder that dies frees it by
 * itself. Used for cache fills across replicas, hot-value rebuilds, refreshes and exports. Good for "run this once across replicas"; not a fencing lock: work done under it must
 * be safe to repeat if the lock expires mid-way.
 */
@Injectable()
export class RedisLock {
  private readonly scripts: LockScripts;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {
    redis.defineCommand('redisLockRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    this.scripts = redis as unknown as LockScripts;
  }

  async tryAcquire(key: string, ttlMs: number): Promise<HeldLock | undefined> {
    const token = randomUUID();
    const acquired = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    if (acquired !== 'OK') return undefined;

    return { token, release: () => this.scripts.redisLockRelease(key, token).then(() => undefined) };
  }

  /** Tries until `waitMs` has passed, polling every few milliseconds. */
  async acquire(key: string, ttlMs: number, waitMs: number): Promise<HeldLock | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const lock = await this.tryAcquire(key, ttlMs);
      if (lock || Date.now() >= deadline) return lock;
      await sleep(POLL_MS);
    }
  }

  holder(key: string): Promise<string | null> {
    return this.redis.get(key);
  }
}

export const POLL_MS = 20;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
