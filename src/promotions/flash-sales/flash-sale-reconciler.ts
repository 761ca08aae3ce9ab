import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';

import { QueueNames } from '@app/queue/queue-names';

import { decodeEntry, FlashSaleStore } from './flash-sale-store';
import { FlashSaleErrors } from './flash-sale.errors';
import { FlashSaleRepository } from './flash-sale.repository';
import { FlashSaleStatus } from './flash-sale.types';

export interface ReconciliationReport {
  saleId: number;
  status: FlashSaleStatus;
  inRedis: boolean;
  redis: { state: 'live' | 'closed' | null; stock: number | null; pendingTickets: number; queuedEntries: number };
  database: { totalStock: number; stockRemaining: number; returnedStock: number; soldUnits: number };
  expected: { redisStock: number; stockRemaining: number; unreturnedUnits: number };
  drift: { redisStock: number; stockRemaining: number; oversold: boolean };
  /** Pending tickets with no order, no queue entry and no BullMQ job: the request would be lost. */
  lostTickets: string[];
  /** Pending tickets whose job ended in the failed state without releasing them. */
  failedTickets: string[];
  consistent: boolean;
  repaired: boolean;
}

/**
 * Checks one sale's books:  total = not yet ordered + sold + returned, where "not yet ordered" is
 * Redis's stock plus the tickets still pending (accepted, no order yet). Pending tickets that
 * already have an order (a worker between its commit and its Redis update) count as sold only.
 *
 * Redis is read in one atomic snapshot, PostgreSQL right after; on a sale taking attempts at that
 * moment a ticket accepted in between can show as a drift of one, so repair a quiet (or ended) sale.
 */
@Injectable()
export class FlashSaleReconciler {
  constructor(
    private readonly sales: FlashSaleRepository,
    private readonly store: FlashSaleStore,
    @InjectQueue(QueueNames.flashSaleOrders) private readonly orderQueue: Queue,
  ) {}

  async reconcile(saleId: number, repair: boolean, actorId: number | null): Promise<ReconciliationReport> {
    const sale = await this.sales.findById(saleId);
    if (!sale || sale.status === 'draft') throw FlashSaleErrors.notFound(saleId);

    const live = await this.store.liveState(saleId);
    const pendingIds = [...(live?.pendingTickets.keys() ?? [])];
    const counts = await this.sales.counts(saleId, pendingIds);
    const uncommitted = pendingIds.length - counts.committedPending;
    const notOrdered = sale.totalStock - sale.returnedStock - counts.sold;
    const free = notOrdered - uncommitted;
    const closed = sale.status === 'ended' || live?.state === 'closed';

    const expected = {
      redisStock: closed ? 0 : Math.max(free, 0),
      stockRemaining: closed ? Math.max(uncommitted, 0) : Math.max(notOrdered, 0),
      unreturnedUnits: closed ? Math.max(free, 0) : 0,
    };
    const drift = {
      redisStock: live ? live.stock - expected.redisStock : 0,
      stockRemaining: sale.stockRemaining - expected.stockRemaining,
      oversold: free < 0,
    };
    const { lost, failed } = live ? await this.strandedTickets(saleId, live.pendingTickets, live.queuedEntries) : { lost: [], failed: [] };

    const report: ReconciliationReport = {
      saleId,
      status: sale.status,
      inRedis: live !== undefined,
      redis: {
        state: live?.state ?? null,
        stock: live?.stock ?? null,
        pendingTickets: pendingIds.length,
        queuedEntries: live?.queuedEntries.length ?? 0,
      },
      database: { totalStock: sale.totalStock, stockRemaining: sale.stockRemaining, returnedStock: sale.returnedStock, soldUnits: counts.sold },
      expected,
      drift,
      lostTickets: lost.map((entry) => entry.ticketId),
      failedTickets: failed,
      consistent: drift.redisStock === 0 && drift.stockRemaining === 0 && !drift.oversold && expected.unreturnedUnits === 0 && lost.length === 0 && failed.length === 0,
      repaired: false,
    };
    if (!repair || report.consistent) return report;

    if (!live && sale.status === 'published') await this.store.warm({ ...sale, stockRemaining: expected.redisStock });
    if (drift.redisStock !== 0) await this.store.shiftStock(saleId, -drift.redisStock);
    if (drift.stockRemaining !== 0 || expected.unreturnedUnits > 0) {
      await this.sales.repair(saleId, expected.stockRemaining, expected.unreturnedUnits, { drift, expected }, actorId);
    }
    for (const entry of lost) await this.store.requeue(entry);
    for (const ticketId of failed) await (await this.orderQueue.getJob(ticketId))?.retry('failed');

    return { ...report, repaired: true };
  }

  private async strandedTickets(
    saleId: number,
    pending: Map<string, number>,
    queuedEntries: string[],
  ): Promise<{ lost: { ticketId: string; saleId: number; userId: number }[]; failed: string[] }> {
    const queued = new Set(queuedEntries.map((entry) => decodeEntry(saleId, entry).ticketId));
    const committed = new Set(await this.sales.ticketsWithOrders([...pending.keys()]));
    const lost: { ticketId: string; saleId: number; userId: number }[] = [];
    const failed: string[] = [];
    for (const [ticketId, userId] of pending) {
      if (queued.has(ticketId) || committed.has(ticketId)) continue;
      const job = await this.orderQueue.getJob(ticketId);
      if (!job) lost.push({ ticketId, saleId, userId });
      else if (await job.isFailed()) failed.push(ticketId);
    }

    return { lost, failed };
  }
}
