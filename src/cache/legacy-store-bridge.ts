import { CacheManagerStore } from 'cache-manager';
import { RedisStore } from 'cache-manager-ioredis-yet';

/** The cache-manager 5 store contract that cache-manager-ioredis-yet implements (TTLs in ms). */
interface CacheManager5Store {
  isCacheable: (value: unknown) => boolean;
  get(key: string): Promise<unknown>;
  mget(...keys: string[]): Promise<unknown[]>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  mset(entries: [string, unknown][], ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
  mdel(...keys: string[]): Promise<void>;
  ttl(key: string): Promise<number>;
  keys(pattern?: string): Promise<string[]>;
  reset(): Promise<void>;
}

/**
 * cache-manager-ioredis-yet is typed against cache-manager 5, whose `Store` type no longer
 * exists in cache-manager 7, so its published type has lost its methods. This bridge restates
 * the version-5 contract and maps it onto cache-manager 7's, so every call is type-checked.
 */
export function bridgeLegacyStore(redisStore: RedisStore): CacheManagerStore {
  const store = redisStore as unknown as CacheManager5Store;

  return {
    name: 'ioredis-yet',
    isCacheable: store.isCacheable,
    get: (key) => store.get(key),
    mget: (...keys) => store.mget(...keys),
    set: (key, value, ttlMs) => store.set(key, value, ttlMs),
    mset: (data, ttlMs) => store.mset(Object.entries(data), ttlMs),
    del: (key) => store.del(key),
    mdel: (...keys) => store.mdel(...keys),
    ttl: (key) => store.ttl(key),
    keys: () => store.keys(),
    reset: () => store.reset(),
  };
}
