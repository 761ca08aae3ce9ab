import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig } from '@app/config/app-config';
import { FrontPageResources, MANIFEST_RESOURCES, ManifestResource } from '@app/front-page/front-page-resources';
import { HotEntry } from '@app/hot-cache/hot-entry';
import { HotValueCache } from '@app/hot-cache/hot-value-cache';
import { InvalidationBus } from '@app/hot-cache/invalidation-bus';
import { POLL_MS, RedisLock, sleep } from '@app/redis/redis-lock';
import { RedisKeys } from '@app/redis/redis-keys';
import { REDIS_CLIENT } from '@app/redis/redis.module';
import { StaticExportService } from '@app/static-export/static-export.service';

import { RefreshRequest } from './admin-cache.dto';
import { AdminCacheErrors } from './admin-cache.errors';
import { USER_CACHE_PURGERS, UserCachePurger } from './user-cache-purgers';

export interface RefreshResult {
  scope: RefreshRequest['scope'];
  refreshed: string[];
  keys: number;
  staticFiles: number;
  versions: Record<string, number>;
  durationMs: number;
  joined: boolean;
}

type Work = Omit<RefreshResult, 'scope' | 'durationMs' | 'joined'>;

/** A refresh holding its lock longer than this (a huge catalog) lets the next one start. */
const REFRESH_LOCK_MS = 5 * 60_000;
/** Requests that joined a run read its result from Redis for this long. */
const RESULT_TTL_SECONDS = 60;
const PRODUCT_PAGE = 500;

/**
 * Admin cache refresh by scope: reload from PostgreSQL, rewrite Redis and the static files with
 * new versions, drop every replica's L1 copies. One run per scope at a time across all replicas
 * (a Redis lock); a request that finds its scope running waits for that run and answers with its result.
 */
@Injectable()
export class CacheRefreshService {
  private readonly waitMs: number;

  constructor(
    private readonly hot: HotValueCache,
    private readonly resources: FrontPageResources,
    private readonly exporter: StaticExportService,
    private readonly bus: InvalidationBus,
    private readonly lock: RedisLock,
    private readonly keys: RedisKeys,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(USER_CACHE_PURGERS) private readonly userCaches: UserCachePurger[],
    config: AppConfig,
  ) {
    this.waitMs = config.hotCache.refreshWaitMs;
  }

  async refresh(request: RefreshRequest): Promise<RefreshResult> {
    const scopeName = describeScope(request);
    const lockKey = this.keys.key('hot', 'refresh-lock', scopeName);
    const deadline = Date.now() + this.waitMs;

    while (Date.now() < deadline) {
      const lock = await this.lock.tryAcquire(lockKey, REFRESH_LOCK_MS);
      if (lock) {
        try {
          const result = await this.run(request);
          await this.redis.set(this.resultKey(lock.token), JSON.stringify(result), 'EX', RESULT_TTL_SECONDS);
          return result;
        } finally {
          await lock.release();
        }
      }

      const joined = await this.resultOfRunningRefresh(lockKey, deadline);
      if (joined) return { ...joined, joined: true };
    }

    throw AdminCacheErrors.refreshStillRunning(scopeName);
  }

  /**
   * Waits for the run holding the lock to store its result. Undefined when the lock went away
   * without one (the run failed or its holder died): then the caller tries to run it itself.
   */
  private async resultOfRunningRefresh(lockKey: string, deadline: number): Promise<RefreshResult | undefined> {
    const token = await this.lock.holder(lockKey);
    while (token && Date.now() < deadline) {
      const stored = await this.redis.get(this.resultKey(token));
      if (stored) return JSON.parse(stored) as RefreshResult;
      if ((await this.lock.holder(lockKey)) !== token) {
        const late = await this.redis.get(this.resultKey(token));
        return late ? (JSON.parse(late) as RefreshResult) : undefined;
      }
      await sleep(POLL_MS);
    }

    return undefined;
  }

  private async run(request: RefreshRequest): Promise<RefreshResult> {
    const started = performance.now();
    const work = await this.work(request);

    return { scope: request.scope, ...work, durationMs: Math.round(performance.now() - started), joined: false };
  }

  private async work(request: RefreshRequest): Promise<Work> {
    switch (request.scope) {
      case 'product':
        return this.refreshShared(['front-page'], [request.productId]);
      case 'front-page':
        return this.refreshShared(['front-page'], []);
      case 'catalog':
        return this.refreshShared(['category-tree', 'front-page'], 'all');
      case 'all': {
        // Every replica drops all of its L1 first: also entries of products that no longer exist.
        await this.bus.invalidateEverything();
        return this.refreshShared([...MANIFEST_RESOURCES], 'all');
      }
      case 'user':
        return this.refreshUser(request.userId);
    }
  }

  private async refreshShared(shared: ManifestResource[], productIds: number[] | 'all'): Promise<Work> {
    const entries: HotEntry[] = [];
    for (const name of shared) entries.push(await this.hot.refresh(this.resources.shared(name)));
    if (productIds !== 'all') {
      for (const id of productIds) entries.push(await this.hot.refresh(this.resources.product(id)));
    }
    const allProducts = productIds === 'all' ? await this.refreshAllProducts() : 0;

    const exported = await this.exporter.export({ shared, productIds });

    return {
      refreshed: [...entries.map((entry) => entry.key), ...(productIds === 'all' ? [`products (${allProducts})`] : [])],
      keys: entries.length + allProducts,
      staticFiles: exported.filesWritten + exported.filesUnchanged,
      versions: Object.fromEntries(entries.map((entry) => [entry.key, entry.version])),
    };
  }

  /** Every product, a page of ids at a time; returns how many. */
  private async refreshAllProducts(): Promise<number> {
    let refreshed = 0;
    let afterId = 0;
    for (;;) {
      const ids = await this.resources.productIdsAfter(afterId, PRODUCT_PAGE);
      if (ids.length === 0) return refreshed;
      for (const id of ids) await this.hot.refresh(this.resources.product(id));
      refreshed += ids.length;
      afterId = ids[ids.length - 1];
    }
  }

  private async refreshUser(userId: number): Promise<Work> {
    let keys = 0;
    for (const cache of this.userCaches) keys += await cache.refresh(userId);

    return {
      refreshed: this.userCaches.map((cache) => `user ${userId}: ${cache.name}`),
      keys,
      staticFiles: 0,
      versions: {},
    };
  }

  private resultKey(token: string): string {
    return this.keys.key('hot', 'refresh-result', token);
  }
}

function describeScope(request: RefreshRequest): string {
  switch (request.scope) {
    case 'product':
      return `product.${request.productId}`;
    case 'user':
      return `user.${request.userId}`;
    case 'front-page':
    case 'catalog':
    case 'all':
      return request.scope;
  }
}
