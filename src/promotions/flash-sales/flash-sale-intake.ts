import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';

import { ListPump } from '@app/queue/list-pump';
import { QueueNames } from '@app/queue/queue-names';

import { decodeEntry, FlashSaleStore } from './flash-sale-store';

export const WRITE_ORDER_JOB = 'write-order';

/** Connects each sale's intake list (filled by the attempt script) to the order queue. */
@Injectable()
export class FlashSaleIntake implements OnModuleInit {
  constructor(
    private readonly pump: ListPump,
    private readonly store: FlashSaleStore,
    @InjectQueue(QueueNames.flashSaleOrders) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.pump.register({
      name: 'flash-sale',
      queue: this.queue,
      registryKey: this.store.registryKey,
      intakeKey: (saleId) => this.store.saleKey(saleId, 'intake'),
      inFlightKey: (saleId) => this.store.saleKey(saleId, 'inflight'),
      toJob: (saleId, entry) => {
        const ticket = decodeEntry(Number(saleId), entry);
        return { name: WRITE_ORDER_JOB, data: ticket, jobId: ticket.ticketId };
      },
      isRetired: (saleId) => this.store.isClosed(Number(saleId)),
    });
  }
}
