import { Injectable } from '@nestjs/common';

/** A flash sale as the front page shows it. */
export interface FrontPageSale {
  id: number;
  productId: number;
  title: string;
  salePriceCents: number;
  startsAt: string;
  endsAt: string;
}

/** Where the front page gets the flash sales running at `now`. */
export abstract class ActiveSalesSource {
  abstract activeSales(now: Date): Promise<FrontPageSale[]>;
}

/**
 * TODO(merge with issue 4): the promotions module provides the real ActiveSalesSource (its
 * flash_sales table); until then the front page lists no sales.
 */
@Injectable()
export class NoActiveSales extends ActiveSalesSource {
  activeSales(): Promise<FrontPageSale[]> {
    return Promise.resolve([]);
  }
}
