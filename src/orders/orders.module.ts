import { Module } from '@nestjs/common';

import { CatalogModule } from '@app/catalog/catalog.module';

import { FlashSaleOrdersRepository } from './flash-sale-orders.repository';
import { OrderListCache } from './order-list-cache';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

/**
 * Orders of every source (migrations/1764700200000-orders.ts): checkout orders through
 * OrdersService, flash-sale orders through FlashSaleOrdersRepository (written by the promotions
 * workers). Every writer calls OrderListCache.invalidate after its commit.
 */
@Module({
  imports: [CatalogModule],
  controllers: [OrdersController],
  providers: [OrdersService, OrdersRepository, OrderListCache, FlashSaleOrdersRepository],
  exports: [OrdersService, OrderListCache, FlashSaleOrdersRepository],
})
export class OrdersModule {}
