import { Injectable } from '@nestjs/common';

import { ActiveSalesSource, FrontPageSale } from '@app/front-page/active-sales.source';

import { FlashSaleRepository } from './flash-sale.repository';

/** How many running sales the front page lists. */
const FRONT_PAGE_SALES = 20;

/**
 * The front page's flash sales, from PostgreSQL. The front page is rebuilt when its freshness
 * runs out (HOT_CACHE_FRESH_SECONDS), so a sale appears or disappears there within that time.
 */
@Injectable()
export class FlashSaleFrontPageSource extends ActiveSalesSource {
  constructor(private readonly sales: FlashSaleRepository) {
    super();
  }

  activeSales(now: Date): Promise<FrontPageSale[]> {
    return this.sales.listActive(now, FRONT_PAGE_SALES);
  }
}
