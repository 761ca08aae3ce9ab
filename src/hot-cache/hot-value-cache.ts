import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

import { Clock } from '@app/common/clock';
import { AppConfig } from '@app/config/app-config';
import { MetricsRegistry } from '@app/metrics/metrics.registry';
import { POLL_MS, RedisLock, sleep } from '@app/redis/redis-lock';

import { hotCacheCounters, HotCacheCounters } from './hot-cache.metrics';
import { buildEntry, contentHashOf, HotEntry, HotResource } from './hot-entry';
import { HotEntryStore } from './hot-entry.store';
import { InvalidationBus } from './invalidation-bus';
import { L1Cache } from './l1-cache';

type Source = 'l1' | 'redis' | 'stale' | 'database';

interface Loaded {
  entry: HotEntry;
  source: Exclude<Source, 'l1'>;
}

/**
 * Three-level reads of hot shared data: this process's L1, then Redis, then PostgreSQL.
 *
 * A shared key that expires under load is rebuilt once, not by the crowd:
 * - in one process, concurrent L1 misses of a key share one Redis fetch (and one rebuild);
 * - across replicas, a Redis lock per key elects the one rebuilder;
 * - past its freshness the previous value is still served (stale-while-revalidate) while the
 *   rebuild runs in the background; with no previous value at all, the others wait up to
 *   HOT_CACHE_COLD_WAIT_MS for the rebuilt one, then load for themselves without storing.
 * With Redis unreachable, reads load from PostgreSQL (once per key and process at a time) and keep
 * the result in L1, so a replica keeps serving.
 */
@Injectable()
export class HotValueCache implements OnApplicationShutdown {
  private readonly logger = new Logger(HotValueCache.name);
  private readonly inFlight = new Map<string, Promise<Loaded>>();
  private readonly background = new Set<Promise<void>>();
  private readonly counters = new Map<string, HotCacheCounters>();
  private readonly freshMs: number;
  private readonly lockMs: number;
  private readonly coldWaitMs: number;
  private readonly unsharedLifetimeMs: number;

  constructor(
    private readonly l1: L1Cache,
    private readonly store: HotEntryStore,
    private readonly bus: InvalidationBus,
    private readonly lock: RedisLock,
    private readonly clock: Clock,
    private readonly metrics: MetricsRegistry,
    config: AppConfig,
  ) {
    this.freshMs = config.hotCache.freshSeconds * 1000;
    this.lockMs = config.hotCache.rebuildLockMs;
    this.coldWaitMs = config.hotCache.coldWaitMs;
    this.unsharedLifetimeMs = config.hotCache.l1.ttlMs;
  }

  async read<T>(resource: HotResource<T>): Promise<HotEntry> {
    const counters = this.countersOf(resource.kind);
    const cached = this.l1.get(resource.key);
    if (cached) {
      counters.l1Hit();
      return cached;
    }

    let pending = this.inFlight.get(resource.key);
    if (!pending) {
      pending = this.loadShared(resource).finally(() => this.inFlight.delete(resource.key));
      this.inFlight.set(resource.key, pending);
    }
    const { entry, source } = await pending;
    this.count(counters, source);

    return entry;
  }

  /**
   * Reloads from PostgreSQL now and gives the result a new version (admin refresh, a change).
   * Waits for a rebuild already running, so an older snapshot can never land after this one.
   */
  async refresh<T>(resource: HotResource<T>): Promise<HotEntry> {
    const lock = await this.lock.acquire(this.store.lockKey(resource.key), this.lockMs, this.lockMs);
    try {
      return await this.rebuild(resource, { force: true });
    } finally {
      await lock?.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.background]);
  }

  private async loadShared<T>(resource: HotResource<T>): Promise<Loaded> {
    const epoch = this.l1.epoch;
    try {
      const stored = await this.store.get(resource.key);
      if (stored && this.isFresh(stored)) {
        this.l1.fill(stored, epoch);
        return { entry: stored, source: 'redis' };
      }
      if (stored) {
        this.rebuildInBackground(resource, stored);
        this.l1.fill(stored, epoch);
        return { entry: stored, source: 'stale' };
      }

      return await this.rebuildCold(resource, epoch);
    } catch (error) {
      this.logger.warn(`${resource.key}: shared cache unavailable (${(error as Error).message}); loading unshared`);
      return { entry: await this.loadUnshared(resource, epoch), source: 'database' };
    }
  }

  private async rebuildCold<T>(resource: HotResource<T>, epoch: number): Promise<Loaded> {
    const lock = await this.lock.tryAcquire(this.store.lockKey(resource.key), this.lockMs);
    if (lock) {
      try {
        // The previous holder may have just finished: then its value is the answer.
        const current = await this.store.get(resource.key);
        if (current) return { entry: current, source: 'redis' };

        return { entry: await this.rebuild(resource, { force: false }), source: 'database' };
      } finally {
        await lock.release();
      }
    }

    const deadline = Date.now() + this.coldWaitMs;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const rebuilt = await this.store.get(resource.key);
      if (rebuilt) {
        this.l1.fill(rebuilt, epoch);
        return { entry: rebuilt, source: 'redis' };
      }
    }

    return { entry: await this.loadUnshared(resource, epoch), source: 'database' };
  }

  private rebuildInBackground<T>(resource: HotResource<T>, stale: HotEntry): void {
    const task = (async () => {
      const lock = await this.lock.tryAcquire(this.store.lockKey(resource.key), this.lockMs);
      if (!lock) return;
      try {
        const current = await this.store.get(resource.key);
        if (current && this.isFresh(current)) return;
        await this.rebuild(resource, { force: false, previous: stale });
      } finally {
        await lock.release();
      }
    })()
      .catch((error: Error) => this.logger.warn(`${resource.key}: background rebuild failed: ${error.message}`))
      .finally(() => this.background.delete(task));
    this.background.add(task);
  }

  /** Loads, versions and stores a value; drops every replica's L1 copy when the version moved. */
  private async rebuild<T>(resource: HotResource<T>, options: { force: boolean; previous?: HotEntry }): Promise<HotEntry> {
    const data = await resource.load();
    this.countersOf(resource.kind).rebuilt();
    const now = this.clock.now();
    const contentHash = contentHashOf(data);

    const version = await this.store.versionFor(resource.key, contentHash, now.getTime(), options.force);
    const entry = buildEntry(resource.key, data, version, contentHash, now, now.getTime() + this.freshMs);
    await this.store.put(entry);

    if (version !== options.previous?.version) await this.bus.invalidate([resource.key]);
    else this.l1.drop([resource.key]);
    this.l1.fill(entry, this.l1.epoch);

    return entry;
  }

  /** Redis is unreachable: a value for this process only, version 0 (its ETag is the content hash). */
  private async loadUnshared<T>(resource: HotResource<T>, epoch: number): Promise<HotEntry> {
    const data = await resource.load();
    this.countersOf(resource.kind).rebuilt();
    const now = this.clock.now();
    const entry = buildEntry(resource.key, data, 0, contentHashOf(data), now, now.getTime() + this.unsharedLifetimeMs);
    this.l1.fill(entry, epoch);

    return entry;
  }

  private isFresh(entry: HotEntry): boolean {
    return entry.freshUntil > this.clock.now().getTime();
  }

  private count(counters: HotCacheCounters, source: Loaded['source']): void {
    switch (source) {
      case 'redis':
        counters.redisHit();
        break;
      case 'stale':
        counters.redisHit();
        counters.staleServed();
        break;
      case 'database':
        counters.miss();
        break;
    }
  }

  private countersOf(kind: string): HotCacheCounters {
    let counters = this.counters.get(kind);
    if (!counters) {
      counters = hotCacheCounters(this.metrics, kind);
      this.counters.set(kind, counters);
    }

    return counters;
  }
}
