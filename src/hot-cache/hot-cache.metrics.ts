import { MetricsRegistry } from '@app/metrics/metrics.registry';

/**
 * Where hot reads were answered, per resource kind (front-page, category-tree, product,
 * app-config: a fixed, small set of labels), exposed by GET /metrics. Hot paths hold the labelled
 * children returned by `hotCacheCounters`.
 */
export interface HotCacheCounters {
  l1Hit(): void;
  redisHit(): void;
  miss(): void;
  staleServed(): void;
  rebuilt(): void;
}

export function hotCacheCounters(metrics: MetricsRegistry, resource: string): HotCacheCounters {
  const counter = (name: string, help: string) => metrics.counter(name, help, ['resource']).labels(resource);
  const l1Hits = counter('hot_cache_l1_hits_total', 'Hot reads answered from the in-process first-level cache');
  const redisHits = counter('hot_cache_redis_hits_total', 'Hot reads answered from Redis after an L1 miss');
  const misses = counter('hot_cache_misses_total', 'Hot reads that had to load from PostgreSQL');
  const staleServed = counter('hot_cache_stale_served_total', 'Hot reads served the previous value while one request rebuilt it');
  const rebuilds = counter('hot_cache_rebuilds_total', 'Hot values rebuilt from PostgreSQL (expiry, refresh or change)');

  return {
    l1Hit: () => l1Hits.inc(),
    redisHit: () => redisHits.inc(),
    miss: () => misses.inc(),
    staleServed: () => staleServed.inc(),
    rebuilt: () => rebuilds.inc(),
  };
}
