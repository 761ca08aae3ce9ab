import { Module } from '@nestjs/common';

import { HotEntryStore } from './hot-entry.store';
import { HotValueCache } from './hot-value-cache';
import { InvalidationBus } from './invalidation-bus';
import { L1Cache } from './l1-cache';

/** First-level cache, shared entries in Redis, versions and cross-replica invalidation. */
@Module({
  providers: [L1Cache, HotEntryStore, InvalidationBus, HotValueCache],
  exports: [HotValueCache, InvalidationBus, HotEntryStore],
})
export class HotCacheModule {}
