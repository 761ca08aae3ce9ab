import { Injectable } from '@nestjs/common';

import { CacheFirst, UsesReadThroughCache } from '@app/cache/cache-first.decorator';
import { CachePolicy, userKey } from '@app/cache/cache-policy';
import { ReadThroughCache } from '@app/cache/read-through-cache';

import { OrdersRepository } from './orders.repository';
import { Order } from './orders.types';

/** Page 1 of the order list: the 40 newest orders, what the "my orders" screen opens on. */
export const FIRST_PAGE_SIZE = 40;

/** A user without orders is not cached: that page is a cheap index probe, and empty answers are not data. */
export const ORDER_FIRST_PAGE_CACHE: CachePolicy<[userId: number], FirstPage> = {
  name: 'orders-first-page',
  key: (userId) => userKey(userId),
  ttlSeconds: (config) => config.orders.firstPageTtlSeconds,
  isEmpty: (page) => page.items.length === 0,
};

export interface FirstPage {
  items: Order[];
  /** More orders exist beyond the first FIRST_PAGE_SIZE. */
  hasMore: boolean;
}

/**
 * Each user's newest orders, cache-first. Every writer of a user's orders (checkout here, the
 * flash-sale worker elsewhere) calls `invalidate` after its commit.
 */
@Injectable()
export class OrderListCache implements UsesReadThroughCache {
  constructor(
    readonly readThroughCache: ReadThroughCache,
    private readonly repository: OrdersRepository,
  ) {}

  @CacheFirst(ORDER_FIRST_PAGE_CACHE)
  async firstPage(userId: number): Promise<FirstPage> {
    const rows = await this.repository.listNewest(userId, 0, FIRST_PAGE_SIZE + 1);

    return { items: rows.slice(0, FIRST_PAGE_SIZE), hasMore: rows.length > FIRST_PAGE_SIZE };
  }

  invalidate(userId: number): Promise<void> {
    return this.readThroughCache.invalidate(ORDER_FIRST_PAGE_CACHE, userId);
  }
}
