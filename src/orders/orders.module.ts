import { Module } from '@nestjs/common';

import { CatalogModule } from '@app/catalog/catalog.module';

import { OrderListCache } from './order-list-cache';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

/**
 * Orders of every source (migrations/1764700200000-orders.ts). Checkout lives here; other writers
 * of the `orders` table add their repository to this module and call OrderListCache.invalidate
 * (or OrdersService.invalidateFirstPage) after each commit.
 */
@Module({
  imports: [CatalogModule],
  controllers: [OrdersController],
  providers: [OrdersService, OrdersRepository, OrderListCache],
  exports: [OrdersService, OrderListCache],
})
export class OrdersModule {}
