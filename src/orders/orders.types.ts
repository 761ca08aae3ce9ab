export type OrderStatus = 'created' | 'paid' | 'cancelled';
export type OrderSource = 'checkout' | 'flash_sale';

export interface OrderLine {
  productId: number;
  quantity: number;
  unitPriceCents: number;
}

/**
 * An order as every answer carries it, from Redis or PostgreSQL alike. Money is integer cents;
 * instants are ISO strings with PostgreSQL's full microsecond precision, so an order's createdAt
 * and id together locate it exactly in the list (keyset cursor).
 */
export interface Order {
  id: number;
  status: OrderStatus;
  source: OrderSource;
  totalCents: number;
  lines: OrderLine[];
  createdAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
}

export interface OrderPage {
  items: Order[];
  /** Only for page-number requests. */
  page?: number;
  pageSize: number;
  hasMore: boolean;
  /** Pass as `cursor` to read the orders after the last item; stable while new orders arrive. */
  nextCursor: string | null;
}

export interface BasketLine {
  productId: number;
  quantity: number;
}
