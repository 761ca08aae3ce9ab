import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface FlashSaleTicket {
  ticketId: string;
  saleId: number;
  userId: number;
}

export interface FlashSaleOrderRef {
  ticketId: string;
  orderId: number;
  userId: number;
}

export interface CancelledFlashSaleOrder {
  orderId: number;
  userId: number;
  saleId: number;
  /** Where the unit went: back to the live sale, or to the product of an ended one. */
  returnedTo: 'sale' | 'product';
}

/**
 * Orders written by flash-sale workers. The unique ticket_id makes every write idempotent: a job
 * that runs twice (its worker died after the commit) inserts nothing the second time, and the
 * sale's stock_remaining drops only by the rows really inserted.
 */
@Injectable()
export class FlashSaleOrdersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One statement for a whole batch: orders, their lines and the sales' counters. Tickets are
   * inserted in ticket order, so two overlapping batches take their locks in the same order.
   * Returns the order of every ticket that has one, inserted now or before.
   */
  async insertBatch(tickets: FlashSaleTicket[], payTimeoutSeconds: number): Promise<FlashSaleOrderRef[]> {
    const ticketIds = tickets.map((ticket) => ticket.ticketId);
    await this.db.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS t(ticket_id, flash_sale_id, user_id)
       ), inserted AS (
         INSERT INTO orders (user_id, status, source, total_cents, flash_sale_id, ticket_id, pay_deadline)
         SELECT i.user_id, 'created', 'flash_sale', s.price_cents, i.flash_sale_id, i.ticket_id,
                now() + make_interval(secs => $4)
         FROM input i JOIN flash_sales s ON s.id = i.flash_sale_id
         ORDER BY i.ticket_id
         ON CONFLICT (ticket_id) DO NOTHING
         RETURNING id, flash_sale_id, total_cents
       ), lines AS (
         INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_cents)
         SELECT n.id, 1, s.product_id, 1, n.total_cents FROM inserted n JOIN flash_sales s ON s.id = n.flash_sale_id
       )
       UPDATE flash_sales s SET stock_remaining = s.stock_remaining - c.units
       FROM (SELECT flash_sale_id, count(*)::int AS units FROM inserted GROUP BY flash_sale_id) c
       WHERE s.id = c.flash_sale_id`,
      [ticketIds, tickets.map((ticket) => ticket.saleId), tickets.map((ticket) => ticket.userId), payTimeoutSeconds],
    );

    return this.db.query(
      'SELECT ticket_id AS "ticketId", id AS "orderId", user_id AS "userId" FROM orders WHERE ticket_id = ANY($1::uuid[])',
      [ticketIds],
    );
  }

  async findByTicket(ticketId: string, userId: number): Promise<number | undefined> {
    const rows: { id: number }[] = await this.db.query('SELECT id FROM orders WHERE ticket_id = $1 AND user_id = $2', [ticketId, userId]);

    return rows[0]?.id;
  }

  /**
   * Cancels a flash-sale order still unpaid and returns its unit, in one statement: to the sale
   * while it is published, to the product once it has ended. Undefined if there was nothing to do.
   */
  async cancelUnpaid(orderId: number): Promise<CancelledFlashSaleOrder | undefined> {
    const rows: CancelledFlashSaleOrder[] = await this.db.query(
      `WITH cancelled AS (
         UPDATE orders SET status = 'cancelled', cancelled_at = now()
         WHERE id = $1 AND source = 'flash_sale' AND status = 'created'
         RETURNING id, user_id, flash_sale_id
       ), sale AS (
         UPDATE flash_sales s
         SET stock_remaining = s.stock_remaining + CASE WHEN s.status = 'published' THEN 1 ELSE 0 END,
             returned_stock = s.returned_stock + CASE WHEN s.status = 'published' THEN 0 ELSE 1 END
         FROM cancelled c WHERE s.id = c.flash_sale_id
         RETURNING s.id, s.status, s.product_id
       ), product AS (
         UPDATE products p SET stock = p.stock + 1, updated_at = now()
         FROM sale WHERE p.id = sale.product_id AND sale.status <> 'published'
       )
       SELECT c.id AS "orderId", c.user_id AS "userId", c.flash_sale_id AS "saleId",
              CASE WHEN sale.status = 'published' THEN 'sale' ELSE 'product' END AS "returnedTo"
       FROM cancelled c JOIN sale ON sale.id = c.flash_sale_id`,
      [orderId],
    );

    return rows[0];
  }

  /** A cancelled order of a still published sale: a retried cancel must still give Redis its unit. */
  async findCancelledInLiveSale(orderId: number): Promise<CancelledFlashSaleOrder | undefined> {
    const rows: CancelledFlashSaleOrder[] = await this.db.query(
      `SELECT o.id AS "orderId", o.user_id AS "userId", o.flash_sale_id AS "saleId", 'sale' AS "returnedTo"
       FROM orders o JOIN flash_sales s ON s.id = o.flash_sale_id
       WHERE o.id = $1 AND o.status = 'cancelled' AND s.status = 'published'`,
      [orderId],
    );

    return rows[0];
  }
}
