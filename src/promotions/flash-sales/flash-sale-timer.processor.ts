import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';

import { AppConfig } from '@app/config/app-config';
import { QueueNames } from '@app/queue/queue-names';
import { RoleAwareWorkerHost } from '@app/queue/role-aware-worker-host';

import { CLOSE_SALE_JOB, FlashSaleAdminService } from './flash-sale-admin.service';
import { CANCEL_UNPAID_JOB, FlashSaleOrderWriter } from './flash-sale-order-writer';

type TimerJob = Job<{ orderId: number }, void, typeof CANCEL_UNPAID_JOB> | Job<{ saleId: number }, void, typeof CLOSE_SALE_JOB>;

/** Delayed flash-sale work: unpaid orders to cancel, sales to close at their end time. */
@Processor(QueueNames.flashSaleTimers, { autorun: false })
export class FlashSaleTimerProcessor extends RoleAwareWorkerHost {
  constructor(
    private readonly writer: FlashSaleOrderWriter,
    private readonly admin: FlashSaleAdminService,
    config: AppConfig,
  ) {
    super(config, 10);
  }

  async process(job: TimerJob): Promise<void> {
    if (job.name === CANCEL_UNPAID_JOB) {
      await this.writer.cancelUnpaid(job.data.orderId);
    } else {
      await this.admin.endOnSchedule(job.data.saleId);
    }
  }
}
