import { Counter, register } from 'prom-client';

/**
 * Where hot reads were answered, per resource kind (front-page, category-tree, product,
 * app-config: a fixed, small set of labels). On prom-client's default registry, exposed by
 * GET /metrics. Hot paths hold the labelled child returned by `hotCacheCounters(kind)`.
 */
function counter(name: string, help: string): Counter<'resource'> {
  const existing = register.getSingleMetric(name);
  // Several app instances in one process (the e2e tests) share the default registry.
  if (existing) return existing as Counter<'resource'>;

  return new Counter({ name, help, labelNames: ['resource'] });
}

const l1Hits = counter('hot_cache_l1_hits_total', 'Hot reads answered from the in-process first-level cache');
const redisHits = counter('hot_cache_redis_hits_total', 'Hot reads answered from Redis after an L1 miss');
const misses = counter('hot_cache_misses_total', 'Hot reads that had to load from PostgreSQL');
const staleServed = counter('hot_cache_stale_served_total', 'Hot reads served the previous value while one request rebuilt it');
const rebuilds = counter('hot_cache_rebuilds_total', 'Hot values rebuilt from PostgreSQL (expiry, refresh or change)');

export interface HotCacheCounters {
  l1Hit(): void;
  redisHit(): void;
  miss(): void;
  staleServed(): void;
  rebuilt(): void;
}

export function hotCacheCounters(resource: string): HotCacheCounters {
  const children = [l1Hits, redisHits, misses, staleServed, rebuilds].map((metric) => metric.labels(resource));

  return {
    l1Hit: () => children[0].inc(),
    redisHit: () => children[1].inc(),
    miss: () => children[2].inc(),
    staleServed: () => children[3].inc(),
    rebuilt: () => children[4].inc(),
  };
}
