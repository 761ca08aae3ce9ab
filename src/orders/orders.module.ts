import { Module } from '@nestjs/common';

import { FlashSaleOrdersRepository } from './flash-sale-orders.repository';

/** Orders. This file only carries what flash sales need until the orders module (issue 3) lands. */
@Module({
  providers: [FlashSaleOrdersRepository],
  exports: [FlashSaleOrdersRepository],
})
export class OrdersModule {}
