import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';

import { AppConfig } from '@app/config/app-config';
import { MicroBatcher } from '@app/common/micro-batcher';
import { QueueNames } from '@app/queue/queue-names';
import { RoleAwareWorkerHost } from '@app/queue/role-aware-worker-host';

import { FlashSaleOrderWriter } from './flash-sale-order-writer';
import { TicketEntry } from './flash-sale.types';

/**
 * One job per accepted ticket (job id = ticket id). Concurrent jobs of this process are written to
 * PostgreSQL together by a micro-batcher, so a drain costs one statement per batch, not per ticket.
 */
@Processor(QueueNames.flashSaleOrders, { autorun: false })
export class FlashSaleOrderProcessor extends RoleAwareWorkerHost {
  private readonly batcher: MicroBatcher<TicketEntry, number>;

  constructor(
    private readonly writer: FlashSaleOrderWriter,
    config: AppConfig,
  ) {
    super(config, config.flashSale.workerConcurrency);
    this.batcher = new MicroBatcher((tickets) => this.writer.write(tickets), config.flashSale.orderBatchSize, config.flashSale.orderBatchWaitMs);
  }

  async process(job: Job<TicketEntry>): Promise<{ orderId: number }> {
    return { orderId: await this.batcher.submit(job.data) };
  }

  /** After the last attempt the job stays in the failed set with its reason, and the ticket says so. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<TicketEntry> | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error({ err: error, ticketId: job.data.ticketId }, 'flash-sale ticket failed for good');
    await this.writer.giveUp(job.data, error.message).catch((giveUpError: unknown) =>
      this.logger.error({ err: giveUpError, ticketId: job.data.ticketId }, 'could not release the failed ticket; reconciliation will'),
    );
  }
}
