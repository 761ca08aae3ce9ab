import { Clock } from '@app/common/clock';
import { AppConfig } from '@app/config/app-config';

import { buildEntry, HotEntry } from './hot-entry';
import { L1Cache } from './l1-cache';

class ManualClock extends Clock {
  at = new Date('2026-12-03T04:00:00Z');

  override now(): Date {
    return this.at;
  }
}

describe(L1Cache.name, () => {
  const clock = new ManualClock();
  const cacheWith = (l1: Partial<AppConfig['hotCache']['l1']>) =>
    new L1Cache({ hotCache: { l1: { maxEntries: 100, maxBytes: 1_000_000, ttlMs: 5000, ...l1 } } } as AppConfig, clock);
  const entry = (key: string, body = '{}'): HotEntry => ({ ...buildEntry(key, {}, 1, 'hash', clock.at, 0), body });

  it('forgets an entry after its TTL, by the app clock', () => {
    const cache = cacheWith({ ttlMs: 5000 });
    cache.fill(entry('front-page'), cache.epoch);

    clock.at = new Date(clock.at.getTime() + 4999);
    expect(cache.get('front-page')).toBeDefined();
    clock.at = new Date(clock.at.getTime() + 2);
    expect(cache.get('front-page')).toBeUndefined();
  });

  it('does not store a copy fetched before an invalidation that arrived meanwhile', () => {
    const cache = cacheWith({});
    const epochBeforeFetch = cache.epoch;

    cache.drop(['front-page']); // the invalidation lands while the fetch is on its way
    cache.fill(entry('front-page'), epochBeforeFetch);

    expect(cache.get('front-page')).toBeUndefined();
  });

  it('drops by key and by prefix, and stays within its byte bound', () => {
    const cache = cacheWith({ maxBytes: 3 * (256 + 1000) });
    for (const key of ['product:1', 'product:2', 'front-page']) cache.fill(entry(key), cache.epoch);

    cache.drop([], ['product:']);
    expect([cache.get('product:1'), cache.get('product:2'), cache.get('front-page')].map(Boolean)).toEqual([false, false, true]);

    for (let id = 0; id < 10; id++) cache.fill(entry(`product:${id}`, 'x'.repeat(1000)), cache.epoch);
    expect(cache.size).toBeLessThanOrEqual(3);
  });
});
