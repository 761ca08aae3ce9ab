import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';

import { Clock } from '@app/common/clock';
import { QueueNames } from '@app/queue/queue-names';

import { FlashSaleStore } from './flash-sale-store';
import { FlashSaleErrors } from './flash-sale.errors';
import { FlashSaleRepository, NewFlashSale } from './flash-sale.repository';
import { FlashSaleView, toView } from './flash-sale.view';

export const CLOSE_SALE_JOB = 'close-sale';

/**
 * The operator's side. Every change is made in PostgreSQL first (the record that lasts), then in
 * Redis (what attempts see); each step is idempotent, so repeating a call after a failure between
 * the two completes it instead of doing it twice.
 */
@Injectable()
export class FlashSaleAdminService {
  private readonly logger = new Logger(FlashSaleAdminService.name);

  constructor(
    private readonly sales: FlashSaleRepository,
    private readonly store: FlashSaleStore,
    private readonly clock: Clock,
    @InjectQueue(QueueNames.flashSaleTimers) private readonly timers: Queue,
  ) {}

  async create(input: NewFlashSale): Promise<FlashSaleView> {
    const sale = await this.sales.insertDraft(input);
    if (!sale) throw FlashSaleErrors.productNotFound(input.productId);

    return toView(sale, undefined);
  }

  /** Reserves the sale's stock from the product, warms Redis and schedules the close at the end time. */
  async publish(saleId: number, actorId: number): Promise<FlashSaleView> {
    const draft = await this.sales.findById(saleId);
    if (draft?.status === 'draft' && draft.endsAt <= this.clock.now()) throw FlashSaleErrors.notPublishable(saleId);

    const outcome = await this.sales.publish(saleId, actorId);
    const sale = await this.sales.findById(saleId);
    if (outcome === 'missing' || !sale) throw FlashSaleErrors.notFound(saleId);
    if (outcome === 'ended') throw FlashSaleErrors.notPublishable(saleId);
    if (outcome === 'no-stock') throw FlashSaleErrors.insufficientProductStock(sale.productId, sale.totalStock);

    await this.store.warm(sale);
    await this.timers.add(
      CLOSE_SALE_JOB,
      { saleId },
      { jobId: `close-${saleId}`, delay: Math.max(0, sale.endsAt.getTime() - this.clock.now().getTime()) },
    );

    return toView(sale, await this.store.stockLeft(saleId));
  }

  async addStock(saleId: number, quantity: number, actorId: number): Promise<FlashSaleView> {
    const outcome = await this.sales.addStock(saleId, quantity, actorId);
    const sale = await this.sales.findById(saleId);
    if (!sale) throw FlashSaleErrors.notFound(saleId);
    if (outcome === 'not-live') throw FlashSaleErrors.notLive(saleId);
    if (outcome === 'no-stock') throw FlashSaleErrors.insufficientProductStock(sale.productId, quantity);

    if (!(await this.store.addStock(saleId, quantity))) {
      // The sale closed in Redis between the two steps: the units go straight back to the product.
      await this.sales.returnUnitsToProduct(saleId, quantity);
      throw FlashSaleErrors.notLive(saleId);
    }

    return toView((await this.sales.findById(saleId)) ?? sale, await this.store.stockLeft(saleId));
  }

  /**
   * Ends the sale (early, or by the job scheduled at its end): Redis stops accepting attempts and
   * hands over its unsold units in one step, then PostgreSQL gives them back to the product.
   * Tickets accepted before still become orders.
   */
  async end(saleId: number, actorId: number | null): Promise<FlashSaleView> {
    const sale = await this.sales.findById(saleId);
    if (!sale || sale.status === 'draft') throw FlashSaleErrors.notLive(saleId);

    if (sale.status === 'published') {
      const unsold = await this.store.close(saleId);
      if (unsold === undefined) this.logger.error(`flash sale ${saleId} is published but unknown to Redis; ending it with nothing returned`);
      await this.sales.close(saleId, unsold ?? 0, actorId);
    }

    return toView((await this.sales.findById(saleId)) ?? sale, await this.store.stockLeft(saleId));
  }

  /** The job scheduled at publish time; a sale already ended (or gone) needs nothing. */
  async endOnSchedule(saleId: number): Promise<void> {
    const sale = await this.sales.findById(saleId);
    if (sale?.status === 'published') await this.end(saleId, null);
  }
}
