import { FlashSale, FlashSaleStatus } from './flash-sale.types';

export interface FlashSaleView {
  id: number;
  productId: number;
  priceCents: number;
  perUserLimit: number;
  startsAt: string;
  endsAt: string;
  status: FlashSaleStatus;
  totalStock: number;
  /** Units not in an order yet, as PostgreSQL counts them (includes tickets still queued). */
  stockRemaining: number;
  returnedStock: number;
  /** Units still on offer, from Redis: what the next attempt sees. Null when not published. */
  stockLeft: number | null;
}

export function toView(sale: FlashSale, stockLeft: number | undefined): FlashSaleView {
  return {
    id: sale.id,
    productId: sale.productId,
    priceCents: sale.priceCents,
    perUserLimit: sale.perUserLimit,
    startsAt: sale.startsAt.toISOString(),
    endsAt: sale.endsAt.toISOString(),
    status: sale.status,
    totalStock: sale.totalStock,
    stockRemaining: sale.stockRemaining,
    returnedStock: sale.returnedStock,
    stockLeft: stockLeft ?? null,
  };
}
