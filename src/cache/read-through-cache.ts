import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Cache } from 'cache-manager';
import Redis from 'ioredis';

import { AppConfig } from '@app/config/app-config';
import { MetricsRegistry } from '@app/metrics/metrics.registry';
import { RedisKeys } from '@app/redis/redis-keys';
import { RedisLock } from '@app/redis/redis-lock';
import { REDIS_CLIENT } from '@app/redis/redis.module';

import { CacheMetrics } from './cache-metrics';
import { CacheEntry, CachePolicy, jitteredTtlMs } from './cache-policy';
import { SingleFlight } from './single-flight';

/** How often a replica waiting for another one's fill looks at the key again. */
const FILL_POLL_MS = 20;
/** Invalidations remembered while Redis is down, at most; older values still expire by their TTL. */
const MAX_UNCONFIRMED_DELETES = 10_000;

/**
 * The engine behind @CacheFirst: Redis first, then the loader, then Redis again.
 *
 * - A hit costs one Redis GET and nothing else.
 * - A miss loads once per process (single flight); for shared keys one replica loads while the
 *   others wait for its fill (a short Redis lock), so an expiring hot key reaches PostgreSQL about once.
 * - Only successful loads are stored; a loader that throws stores nothing. A null answer is stored
 *   as "absent", and an empty one (policy.isEmpty) as itself, both only for the policy's short
 *   absent lifetime, if it has one.
 * - Redis down: every step that needs it is skipped, the read is answered from PostgreSQL, and the
 *   failure is counted and logged (CacheMetrics). Invalidations that could not reach Redis are
 *   repeated when the connection is back, so a value written before the outage is not served after it.
 */
@Injectable()
export class ReadThroughCache implements OnModuleDestroy {
  private readonly flights = new SingleFlight();
  private readonly metrics: CacheMetrics;
  private readonly pendingRepeats = new Set<NodeJS.Timeout>();
  private readonly unconfirmedDeletes = new Set<string>();
  private readonly retryDeletes = () => void this.deleteUnconfirmed();

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly config: AppConfig,
    metrics: MetricsRegistry,
    private readonly lock: RedisLock,
  ) {
    this.metrics = new CacheMetrics(metrics);
    redis.on('ready', this.retryDeletes);
  }

  async read<Args extends unknown[], Value>(
    policy: CachePolicy<Args>,
    args: Args,
    load: () => Promise<Value>,
  ): Promise<Value> {
    const { scope, id } = policy.key(...args);
    const key = `${policy.name}:${id}`;

    const entry = await this.get<Value>(key);
    if (entry) return this.answerFromCache(policy, entry);

    this.metrics.read(policy.name, 'miss');

    return this.flights.run(key, () =>
      scope === 'shared' ? this.loadUnderLock(policy, key, load) : this.loadAndFill(policy, key, load),
    );
  }

  /**
   * Call after the write has committed. The key is deleted now and once more shortly after: a read
   * that loaded the old row just before the commit may store it after the first delete, and the
   * second one removes it (CACHE_INVALIDATION_REPEAT_MS bounds how long such a stale value can live).
   */
  async invalidate<Args extends unknown[]>(policy: CachePolicy<Args>, ...args: Args): Promise<void> {
    const key = cacheKeyOf(policy, args);
    this.flights.forget(key);
    const redisKey = this.redisKey(policy, ...args);
    await this.delete(redisKey);

    const repeat = setTimeout(() => {
      this.pendingRepeats.delete(repeat);
      void this.delete(redisKey);
    }, this.config.cache.invalidationRepeatMs);
    repeat.unref();
    this.pendingRepeats.add(repeat);
  }

  /** The Redis key that holds the policy's value for these arguments (for operators and tests). */
  redisKey<Args extends unknown[]>(policy: CachePolicy<Args>, ...args: Args): string {
    return `${this.keys.key('cache')}:${cacheKeyOf(policy, args)}`;
  }

  onModuleDestroy(): void {
    this.redis.off('ready', this.retryDeletes);
    for (const repeat of this.pendingRepeats) clearTimeout(repeat);
    this.pendingRepeats.clear();
  }

  private answerFromCache<Args extends unknown[], Value>(policy: CachePolicy<Args>, entry: CacheEntry<Value>): Value {
    if ('absent' in entry) {
      this.metrics.read(policy.name, 'absent_hit');
      return null as Value;
    }
    this.metrics.read(policy.name, 'hit');

    return entry.value;
  }

  /** One replica loads; the others wait for its fill instead of querying too. */
  private async loadUnderLock<Args extends unknown[], Value>(
    policy: CachePolicy<Args>,
    key: string,
    load: () => Promise<Value>,
  ): Promise<Value> {
    // undefined: Redis failed, so this replica loads without a lock (degraded, not refused).
    const attempt = await this.lock.tryAcquire(this.keys.key('cache-lock', key), this.config.cache.lockTtlMs).then(
      (held) => held ?? ('held-elsewhere' as const),
      (error: unknown) => {
        this.metrics.redisFailed('lock', error);
        return undefined;
      },
    );
    if (attempt === 'held-elsewhere') {
      const filled = await this.waitForFill<Value>(key);
      return filled ? this.answerFromCache(policy, filled) : this.loadAndFill(policy, key, load);
    }

    try {
      // Another replica may have filled the key and released its lock between our miss and our lock.
      const filled = attempt ? await this.get<Value>(key) : undefined;
      if (filled) return this.answerFromCache(policy, filled);

      return await this.loadAndFill(policy, key, load);
    } finally {
      await attempt?.release().catch((error: unknown) => this.metrics.redisFailed('unlock', error));
    }
  }

  private async waitForFill<Value>(key: string): Promise<CacheEntry<Value> | undefined> {
    const deadline = Date.now() + this.config.cache.lockTtlMs;
    while (Date.now() < deadline) {
      await sleep(FILL_POLL_MS);
      const entry = await this.get<Value>(key);
      if (entry) return entry;
    }

    // The holder died or is slow: load ourselves rather than keep the request waiting.
    return undefined;
  }

  private async loadAndFill<Args extends unknown[], Value>(
    policy: CachePolicy<Args>,
    key: string,
    load: () => Promise<Value>,
  ): Promise<Value> {
    const value = await load();
    this.metrics.loaded(policy.name);

    const absent = value === null || value === undefined;
    const brief = absent || policy.isEmpty?.(value) === true;
    const ttlSeconds = brief ? policy.absentTtlSeconds?.(this.config) : policy.ttlSeconds(this.config);
    if (ttlSeconds === undefined) return value;
    const entry: CacheEntry<Value> = absent ? { absent: true } : { value };
    await this.cache
      .set(key, entry, jitteredTtlMs(ttlSeconds, this.config.cache.ttlJitterRatio))
      .catch((error: unknown) => this.metrics.redisFailed('set', error));

    return value;
  }

  private async get<Value>(key: string): Promise<CacheEntry<Value> | undefined> {
    return this.cache.get<CacheEntry<Value>>(key).catch((error: unknown) => {
      this.metrics.redisFailed('get', error);
      return undefined;
    });
  }

  /**
   * Straight through ioredis rather than cache-manager: Keyv answers a failed delete like a delete
   * of a missing key, and an invalidation that did not happen must be known, to be repeated.
   */
  private async delete(redisKey: string): Promise<void> {
    try {
      await this.redis.del(redisKey);
      this.unconfirmedDeletes.delete(redisKey);
    } catch (error) {
      this.metrics.redisFailed('delete', error);
      if (this.unconfirmedDeletes.size < MAX_UNCONFIRMED_DELETES) this.unconfirmedDeletes.add(redisKey);
    }
  }

  private async deleteUnconfirmed(): Promise<void> {
    const redisKeys = [...this.unconfirmedDeletes];
    if (redisKeys.length === 0) return;
    try {
      await this.redis.del(...redisKeys);
      for (const redisKey of redisKeys) this.unconfirmedDeletes.delete(redisKey);
    } catch (error) {
      this.metrics.redisFailed('delete', error);
    }
  }
}

function cacheKeyOf<Args extends unknown[]>(policy: CachePolicy<Args>, args: Args): string {
  return `${policy.name}:${policy.key(...args).id}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
