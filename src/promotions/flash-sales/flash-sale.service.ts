import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { Clock } from '@app/common/clock';
import { FlashSaleOrdersRepository } from '@app/orders/flash-sale-orders.repository';

import { FlashSaleStore } from './flash-sale-store';
import { FlashSaleErrors } from './flash-sale.errors';
import { FlashSaleRepository } from './flash-sale.repository';
import { TicketState } from './flash-sale.types';
import { FlashSaleView, toView } from './flash-sale.view';

export interface AcceptedAttempt {
  ticketId: string;
  status: 'pending';
}

/** The buyer's side of a flash sale. */
@Injectable()
export class FlashSaleService {
  constructor(
    private readonly store: FlashSaleStore,
    private readonly sales: FlashSaleRepository,
    private readonly orders: FlashSaleOrdersRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The hot path: one Lua call decides and enqueues; PostgreSQL is not touched. The answer only
   * promises that the ticket is queued; GET the ticket to learn its order.
   */
  async attempt(saleId: number, userId: number): Promise<AcceptedAttempt> {
    const ticketId = randomUUID();

    const outcome = await this.store.attempt(saleId, userId, ticketId, this.clock.now().getTime());
    switch (outcome) {
      case 'accepted':
        return { ticketId, status: 'pending' };
      case 'not_found':
        throw FlashSaleErrors.notFound(saleId);
      case 'not_started':
        throw FlashSaleErrors.notStarted();
      case 'ended':
        throw FlashSaleErrors.ended();
      case 'already_bought':
        throw FlashSaleErrors.alreadyBought();
      case 'sold_out':
        throw FlashSaleErrors.soldOut();
    }
  }

  /** From Redis while it remembers the ticket; after that, an order in PostgreSQL is its trace. */
  async ticket(saleId: number, ticketId: string, userId: number): Promise<{ ticketId: string } & TicketState> {
    const cached = await this.store.ticket(saleId, ticketId);
    if (cached?.userId === userId) return { ticketId, ...cached.state };
    if (cached) throw FlashSaleErrors.ticketNotFound();

    const orderId = await this.orders.findByTicket(ticketId, userId);
    if (orderId === undefined) throw FlashSaleErrors.ticketNotFound();

    return { ticketId, status: 'confirmed', orderId };
  }

  async view(saleId: number): Promise<FlashSaleView> {
    const sale = await this.sales.findById(saleId);
    if (!sale || sale.status === 'draft') throw FlashSaleErrors.notFound(saleId);

    return toView(sale, await this.store.stockLeft(saleId));
  }
}
