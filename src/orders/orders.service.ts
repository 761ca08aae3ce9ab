import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { CatalogService } from '@app/catalog/catalog.service';

import { decodeCursor, encodeCursor } from './order-cursor';
import { FIRST_PAGE_SIZE, OrderListCache } from './order-list-cache';
import { OrderErrors } from './orders.errors';
import { OrdersRepository } from './orders.repository';
import { BasketLine, Order, OrderPage } from './orders.types';

export interface PlacedOrder {
  order: Order;
  /** True when an earlier request with the same Idempotency-Key created it. */
  replayed: boolean;
}

export type OrderListRequest = { page: number; pageSize: number } | { cursor: string; pageSize: number };

@Injectable()
export class OrdersService {
  constructor(
    private readonly repository: OrdersRepository,
    private readonly listCache: OrderListCache,
    private readonly catalog: CatalogService,
  ) {}

  /**
   * One transaction: claim the Idempotency-Key, take the stock of every line (or fail and take
   * none), write the lines and the total. Caches are invalidated only after the commit.
   */
  async place(userId: number, basket: BasketLine[], idempotencyKey?: string): Promise<PlacedOrder> {
    const lines = mergeLines(basket);
    const fingerprint = idempotencyKey ? fingerprintOf(lines) : null;

    const created = await this.repository.transaction(async (tx) => {
      const orderId = await this.repository.insertCheckout(tx, userId, idempotencyKey ?? null, fingerprint);
      if (orderId === undefined) return undefined;
      const taken = await this.catalog.takeStock(tx, lines);
      await this.repository.insertLines(tx, orderId, taken);
      const total = taken.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);

      return this.repository.setTotal(tx, orderId, total);
    });
    if (!created) return this.replay(userId, idempotencyKey, fingerprint);

    await this.afterWrite(userId, lines.map((line) => line.productId));

    return { order: created, replayed: false };
  }

  async find(userId: number, orderId: number): Promise<Order> {
    const order = await this.repository.find(userId, orderId);
    if (!order) throw OrderErrors.notFound(orderId);

    return order;
  }

  /** Simulated payment. Paying a paid order again answers it unchanged. */
  async pay(userId: number, orderId: number): Promise<Order> {
    const order = await this.repository.transaction(async (tx) => {
      if (await this.repository.transition(tx, userId, orderId, 'created', 'paid')) {
        return this.repository.find(userId, orderId, tx);
      }
      const current = await this.repository.find(userId, orderId, tx);
      if (!current) throw OrderErrors.notFound(orderId);
      if (current.status !== 'paid') throw OrderErrors.notPayable(orderId, current.status);

      return current;
    });
    await this.afterWrite(userId, []);

    return this.present(order, orderId);
  }

  /**
   * Cancels an unpaid order and returns its stock in the same transaction. A checkout order's
   * stock goes back to the catalog; other sources keep their stock elsewhere and return it there.
   */
  async cancel(userId: number, orderId: number): Promise<Order> {
    const order = await this.repository.transaction(async (tx) => {
      // A flash-sale unit belongs to the sale's stock in Redis, which only the promotions worker
      // can give back (FlashSaleOrderWriter.cancelUnpaid); cancelling here would lose the unit.
      const existing = await this.repository.find(userId, orderId, tx);
      if (existing?.source === 'flash_sale') throw OrderErrors.flashSaleOrderNotCancellable(orderId);

      if (await this.repository.transition(tx, userId, orderId, 'created', 'cancelled')) {
        const cancelled = await this.repository.find(userId, orderId, tx);
        if (cancelled) await this.catalog.returnStock(tx, cancelled.lines);
        return cancelled;
      }
      const current = await this.repository.find(userId, orderId, tx);
      if (!current) throw OrderErrors.notFound(orderId);
      if (current.status !== 'cancelled') throw OrderErrors.notCancellable(orderId, current.status);

      return current;
    });
    await this.afterWrite(userId, order?.lines.map((line) => line.productId) ?? []);

    return this.present(order, orderId);
  }

  /** Newest first. Windows inside the 40 newest come from the cached first page; deeper ones from PostgreSQL. */
  async list(userId: number, request: OrderListRequest): Promise<OrderPage> {
    const { pageSize } = request;
    if ('cursor' in request) {
      const cursor = decodeCursor(request.cursor);
      if (!cursor) throw OrderErrors.invalidCursor();
      const rows = await this.repository.listAfter(userId, cursor, pageSize + 1);
      return pageOf(rows, pageSize);
    }

    const offset = (request.page - 1) * pageSize;
    if (offset + pageSize <= FIRST_PAGE_SIZE) {
      const first = await this.listCache.firstPage(userId);
      const items = first.items.slice(offset, offset + pageSize);
      const hasMore = first.items.length > offset + pageSize || first.hasMore;
      return { ...pageOf(items, pageSize, hasMore), page: request.page };
    }
    const rows = await this.repository.listNewest(userId, offset, pageSize + 1);

    return { ...pageOf(rows, pageSize), page: request.page };
  }

  /** For every other writer of a user's orders (e.g. the flash-sale worker): call after its commit. */
  invalidateFirstPage(userId: number): Promise<void> {
    return this.listCache.invalidate(userId);
  }

  private async replay(userId: number, idempotencyKey: string | undefined, fingerprint: string | null): Promise<PlacedOrder> {
    const existing = idempotencyKey ? await this.repository.findByIdempotencyKey(userId, idempotencyKey) : undefined;
    if (!existing) throw new Error(`order of user ${userId} under key ${idempotencyKey} conflicted but cannot be read`);
    if (existing.fingerprint !== fingerprint) throw OrderErrors.idempotencyKeyReused();

    return { order: existing.order, replayed: true };
  }

  private async afterWrite(userId: number, productIds: number[]): Promise<void> {
    await Promise.all([this.listCache.invalidate(userId), this.catalog.stockChanged(productIds)]);
  }

  private present(order: Order | undefined, orderId: number): Order {
    if (!order) throw OrderErrors.notFound(orderId);

    return order;
  }
}

/** The same product twice in one basket is one line with the quantities added. */
function mergeLines(basket: BasketLine[]): BasketLine[] {
  const quantities = new Map<number, number>();
  for (const line of basket) quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity);

  return [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
}

function fingerprintOf(lines: BasketLine[]): string {
  const canonical = [...lines].sort((a, b) => a.productId - b.productId).map((line) => `${line.productId}x${line.quantity}`);

  return createHash('sha256').update(canonical.join(',')).digest('hex');
}

function pageOf(rows: Order[], pageSize: number, hasMore = rows.length > pageSize): Omit<OrderPage, 'page'> {
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);

  return { items, pageSize, hasMore, nextCursor: hasMore && last ? encodeCursor(last) : null };
}
