import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';

import { AppConfig } from '@app/config/app-config';
import { FlashSaleOrdersRepository } from '@app/orders/flash-sale-orders.repository';
import { OrderListCache } from '@app/orders/order-list-cache';
import { QueueNames } from '@app/queue/queue-names';

import { FlashSaleStore } from './flash-sale-store';
import { FlashSaleRepository } from './flash-sale.repository';
import { TicketEntry } from './flash-sale.types';

export const CANCEL_UNPAID_JOB = 'cancel-unpaid';

/**
 * What a worker does with accepted tickets. Every step is idempotent and ordered so that a crash
 * anywhere only causes a repeat: the order (unique ticket id) first, then the ticket's state in
 * Redis, then the unpaid-order timer (job id from the order id).
 */
@Injectable()
export class FlashSaleOrderWriter {
  private readonly payTimeoutSeconds: number;

  constructor(
    private readonly orders: FlashSaleOrdersRepository,
    private readonly sales: FlashSaleRepository,
    private readonly store: FlashSaleStore,
    @InjectQueue(QueueNames.flashSaleTimers) private readonly timers: Queue,
    private readonly orderLists: OrderListCache,
    config: AppConfig,
  ) {
    this.payTimeoutSeconds = config.flashSale.payTimeoutSeconds;
  }

  /** Returns each ticket's order id, in the order of `tickets`. */
  async write(tickets: TicketEntry[]): Promise<number[]> {
    const orders = await this.orders.insertBatch(tickets, this.payTimeoutSeconds);
    const orderOf = new Map(orders.map((order) => [order.ticketId, order.orderId]));
    const orphans = tickets.filter((ticket) => !orderOf.has(ticket.ticketId));
    if (orphans.length > 0) throw new Error(`no order written for ticket ${orphans[0].ticketId}: its sale ${orphans[0].saleId} is missing`);

    await this.store.confirm(tickets.map((entry) => ({ entry, orderId: orderOf.get(entry.ticketId) as number })));
    // A retry re-adds these with the full delay; the cancel itself only acts on orders still unpaid.
    await this.timers.addBulk(
      orders.map((order) => ({
        name: CANCEL_UNPAID_JOB,
        data: { orderId: order.orderId },
        opts: { jobId: `unpaid-${order.orderId}`, delay: this.payTimeoutSeconds * 1000 },
      })),
    );
    await this.forgetFirstPages(orders.map((order) => order.userId));

    return tickets.map((ticket) => orderOf.get(ticket.ticketId) as number);
  }

  /**
   * A ticket whose job kept failing. If its order was written after all (the failure came later),
   * the ticket is confirmed; otherwise it is marked failed and its unit released.
   */
  async giveUp(entry: TicketEntry, reason: string): Promise<void> {
    const orderId = await this.orders.findByTicket(entry.ticketId, entry.userId);
    if (orderId !== undefined) {
      await this.store.confirm([{ entry, orderId }]);
      return;
    }
    if ((await this.store.fail(entry, reason)) === 'closed-sale') {
      await this.sales.returnUnitsToProduct(entry.saleId, 1);
    }
  }

  /** The unpaid-order timer: cancel, and give the unit back to where it belongs now. */
  async cancelUnpaid(orderId: number): Promise<void> {
    const cancelled = (await this.orders.cancelUnpaid(orderId)) ?? (await this.orders.findCancelledInLiveSale(orderId));
    if (!cancelled) return;

    // Once per order even when this job is retried (the store remembers restocked orders).
    if (cancelled.returnedTo === 'sale') await this.store.restock(cancelled.saleId, orderId, cancelled.userId);
    await this.forgetFirstPages([cancelled.userId]);
  }

  private async forgetFirstPages(userIds: number[]): Promise<void> {
    await Promise.all([...new Set(userIds)].map((userId) => this.orderLists.invalidate(userId)));
  }
}
