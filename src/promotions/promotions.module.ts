import { Module } from '@nestjs/common';

import { FlashSalesModule } from './flash-sales/flash-sales.module';
import { RedPacketsModule } from './red-packets/red-packets.module';

/** Promotions: flash sales and red packets, both decided in Redis and written by queue workers. */
@Module({ imports: [FlashSalesModule, RedPacketsModule] })
export class PromotionsModule {}
