import { Module } from '@nestjs/common';

import { OrdersModule } from '@app/orders/orders.module';
import { QueueModule } from '@app/queue/queue.module';

import { FlashSaleAdminController } from './flash-sale-admin.controller';
import { FlashSaleFrontPageSource } from './flash-sale-front-page.source';
import { FlashSaleAdminService } from './flash-sale-admin.service';
import { FlashSaleIntake } from './flash-sale-intake';
import { FlashSaleOrderWriter } from './flash-sale-order-writer';
import { FlashSaleOrderProcessor } from './flash-sale-order.processor';
import { FlashSaleReconciler } from './flash-sale-reconciler';
import { FlashSaleStore } from './flash-sale-store';
import { FlashSaleTimerProcessor } from './flash-sale-timer.processor';
import { FlashSaleController } from './flash-sale.controller';
import { FlashSaleRepository } from './flash-sale.repository';
import { FlashSaleService } from './flash-sale.service';

/** Flash sales: attempts decided in Redis, orders written by queue workers. See README, "Flash sales". */
@Module({
  imports: [QueueModule, OrdersModule],
  controllers: [FlashSaleController, FlashSaleAdminController],
  providers: [
    FlashSaleService,
    FlashSaleAdminService,
    FlashSaleRepository,
    FlashSaleStore,
    FlashSaleIntake,
    FlashSaleOrderWriter,
    FlashSaleOrderProcessor,
    FlashSaleTimerProcessor,
    FlashSaleReconciler,
    FlashSaleFrontPageSource,
  ],
  exports: [FlashSaleReconciler, FlashSaleFrontPageSource],
})
export class FlashSalesModule {}
