export type FlashSaleStatus = 'draft' | 'published' | 'ended';

export interface FlashSale {
  id: number;
  productId: number;
  priceCents: number;
  perUserLimit: number;
  startsAt: Date;
  endsAt: Date;
  status: FlashSaleStatus;
  totalStock: number;
  stockRemaining: number;
  returnedStock: number;
}

/** An accepted attempt, as the Lua script pushed it and as its BullMQ job carries it. */
export interface TicketEntry {
  ticketId: string;
  saleId: number;
  userId: number;
}

export type TicketState =
  | { status: 'pending' }
  | { status: 'confirmed'; orderId: number }
  | { status: 'failed'; reason: string };

export type AttemptOutcome = 'accepted' | 'not_found' | 'not_started' | 'ended' | 'already_bought' | 'sold_out';
