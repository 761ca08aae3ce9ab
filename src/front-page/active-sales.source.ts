/** A flash sale as the front page shows it. */
export interface FrontPageSale {
  id: number;
  productId: number;
  title: string;
  salePriceCents: number;
  startsAt: string;
  endsAt: string;
}

/** Where the front page gets the flash sales running at `now` (the promotions module provides it). */
export abstract class ActiveSalesSource {
  abstract activeSales(now: Date): Promise<FrontPageSale[]>;
}
