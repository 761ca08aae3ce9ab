import { AppConfig } from '@app/config/app-config';

/**
 * Where a cached value belongs. Per-user data is keyed by the authenticated user's id, so one
 * user's answer can never be served to another; shared data (a product) is the same for everyone.
 * Only `userKey` and `sharedKey` build one, so no cache key is ever just a URL.
 */
export interface CacheKey {
  readonly scope: 'user' | 'shared';
  readonly id: string;
}

export function userKey(userId: number, ...parts: (string | number)[]): CacheKey {
  return { scope: 'user', id: ['u', userId, ...parts].join(':') };
}

export function sharedKey(...parts: (string | number)[]): CacheKey {
  return { scope: 'shared', id: parts.join(':') };
}

/**
 * What a module declares to make a read cache-first: the key derived from the read's arguments and
 * the time to live, read from config when the app boots.
 */
export interface CachePolicy<Args extends unknown[], Value = unknown> {
  /** Names the cache in Redis keys, logs and metrics (e.g. 'profile'). */
  readonly name: string;
  readonly key: (...args: Args) => CacheKey;
  readonly ttlSeconds: (config: AppConfig) => number;
  /**
   * How long a missing entity (the loader answered null) or an empty answer is remembered, so
   * repeated misses do not reach the database (cache penetration), yet nothing empty is kept for
   * the full lifetime. Omitted: misses and empty answers are not cached at all.
   */
  readonly absentTtlSeconds?: (config: AppConfig) => number;
  /** Marks answers that are empty (a page without items): stored only for the absent lifetime. */
  isEmpty?(value: Value): boolean;
}

/** What Redis holds: a value, or the note that the entity does not exist. */
export type CacheEntry<Value> = { value: Value } | { absent: true };

/**
 * A time to live shortened by up to `ratio` at random, so keys filled together (after a deploy or a
 * Redis restart) do not all expire together (cache avalanche). Shortened, never lengthened: a
 * 60-second policy never keeps a value longer than 60 seconds.
 */
export function jitteredTtlMs(ttlSeconds: number, ratio: number, random: () => number = Math.random): number {
  const ttlMs = ttlSeconds * 1000;

  return Math.max(1000, Math.round(ttlMs * (1 - ratio * random())));
}
