import { randomUUID } from 'node:crypto';

import Redis from 'ioredis';

import { RedisKeys } from '@app/redis/redis-keys';

/** Deletes the lock only if it is still ours, so a slow holder never frees a successor's lock. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

interface LockScripts {
  cacheFillLockRelease(key: string, token: string): Promise<number>;
}

export type LockAttempt = { kind: 'acquired'; release: () => Promise<void> } | { kind: 'held-elsewhere' };

/**
 * A short Redis lock per shared key, taken by the one replica that loads a missing value; the
 * others wait for it to fill the key. It expires by itself, so a holder that dies delays the
 * others by at most its lifetime.
 */
export class CacheFillLock {
  private readonly scripts: LockScripts;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttlMs: number,
  ) {
    redis.defineCommand('cacheFillLockRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    this.scripts = redis as unknown as LockScripts;
  }

  async tryAcquire(cacheKey: string): Promise<LockAttempt> {
    const lockKey = this.keys.key('cache-lock', cacheKey);
    const token = randomUUID();
    const acquired = await this.redis.set(lockKey, token, 'PX', this.ttlMs, 'NX');
    if (acquired !== 'OK') return { kind: 'held-elsewhere' };

    return {
      kind: 'acquired',
      release: async () => {
        await this.scripts.cacheFillLockRelease(lockKey, token);
      },
    };
  }
}
