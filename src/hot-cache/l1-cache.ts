import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';

import { Clock } from '@app/common/clock';
import { AppConfig } from '@app/config/app-config';

import { HotEntry } from './hot-entry';

/** Bookkeeping per entry besides the body (key, tags, numbers), for the byte bound. */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * The first level: this process's bounded LRU (entries and bytes) with a short TTL. Most hot reads
 * end here, without a Redis round trip. Changes drop entries on every replica through the
 * InvalidationBus; the TTL only bounds the damage of a lost invalidation message.
 *
 * `epoch` closes the fill race: a read that fetched from Redis before an invalidation arrived
 * must not store that older copy after it. Fills pass the epoch seen before their fetch.
 */
@Injectable()
export class L1Cache {
  private readonly entries: LRUCache<string, HotEntry>;
  private currentEpoch = 0;

  constructor(config: AppConfig, clock: Clock) {
    const { maxEntries, maxBytes, ttlMs } = config.hotCache.l1;
    this.entries = new LRUCache<string, HotEntry>({
      max: maxEntries,
      maxSize: maxBytes,
      sizeCalculation: (entry) => Buffer.byteLength(entry.body ?? '') + ENTRY_OVERHEAD_BYTES,
      ttl: ttlMs,
      // TTLs follow the app's clock (read on every check), so tests can move time instead of sleeping.
      perf: { now: () => clock.now().getTime() },
      ttlResolution: 0,
    });
  }

  get(key: string): HotEntry | undefined {
    return this.entries.get(key);
  }

  get epoch(): number {
    return this.currentEpoch;
  }

  /** Stores the entry unless an invalidation arrived since `epochBeforeFetch`. */
  fill(entry: HotEntry, epochBeforeFetch: number): void {
    if (epochBeforeFetch === this.currentEpoch) this.entries.set(entry.key, entry);
  }

  drop(keys: readonly string[], prefixes: readonly string[] = []): void {
    this.currentEpoch += 1;
    for (const key of keys) this.entries.delete(key);
    if (prefixes.length === 0) return;
    for (const key of [...this.entries.keys()]) {
      if (prefixes.some((prefix) => key.startsWith(prefix))) this.entries.delete(key);
    }
  }

  clear(): void {
    this.currentEpoch += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
