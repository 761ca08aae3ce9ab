import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { OrderCursor } from './order-cursor';
import { Order, OrderLine, OrderStatus } from './orders.types';

/** Instants with microseconds, in UTC: the exact value keyset pagination compares against. */
const instant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const ORDER_COLUMNS = `o.id, o.status, o.source, o.total_cents AS "totalCents",
  ${instant('o.created_at')} AS "createdAt", ${instant('o.paid_at')} AS "paidAt",
  ${instant('o.cancelled_at')} AS "cancelledAt",
  coalesce((
    SELECT json_agg(json_build_object(
             'productId', l.product_id, 'quantity', l.quantity, 'unitPriceCents', l.unit_price_cents) ORDER BY l.line_no)
    FROM order_lines l WHERE l.order_id = o.id), '[]') AS lines`;

const NEWEST_FIRST = 'ORDER BY o.created_at DESC, o.id DESC';

export interface IdempotentOrder {
  order: Order;
  fingerprint: string | null;
}

@Injectable()
export class OrdersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Inserts the order's row (total set later in the same transaction) and returns its id, or
   * undefined if the user already has an order under this Idempotency-Key. A concurrent request
   * with the same key waits here on the unique index until the first one commits or rolls back.
   */
  async insertCheckout(tx: EntityManager, userId: number, idempotencyKey: string | null, fingerprint: string | null): Promise<number | undefined> {
    const rows: { id: number }[] = await tx.query(
      `INSERT INTO orders (user_id, source, total_cents, idempotency_key, request_fingerprint)
       VALUES ($1, 'checkout', 0, $2, $3)
       ON CONFLICT (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [userId, idempotencyKey, fingerprint],
    );

    return rows[0]?.id;
  }

  async insertLines(tx: EntityManager, orderId: number, lines: OrderLine[]): Promise<void> {
    await tx.query(
      `INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_cents)
       SELECT $1, line.no, line.product_id, line.quantity, line.unit_price_cents
       FROM unnest($2::bigint[], $3::int[], $4::bigint[]) WITH ORDINALITY AS line(product_id, quantity, unit_price_cents, no)`,
      [orderId, lines.map((l) => l.productId), lines.map((l) => l.quantity), lines.map((l) => l.unitPriceCents)],
    );
  }

  async setTotal(tx: EntityManager, orderId: number, totalCents: number): Promise<Order> {
    await tx.query('UPDATE orders SET total_cents = $2 WHERE id = $1', [orderId, totalCents]);
    const rows: Order[] = await tx.query(`SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1`, [orderId]);

    return rows[0];
  }

  async findByIdempotencyKey(userId: number, idempotencyKey: string): Promise<IdempotentOrder | undefined> {
    const rows: (Order & { fingerprint: string | null })[] = await this.db.query(
      `SELECT ${ORDER_COLUMNS}, o.request_fingerprint AS fingerprint
       FROM orders o WHERE o.user_id = $1 AND o.idempotency_key = $2`,
      [userId, idempotencyKey],
    );
    if (!rows[0]) return undefined;
    const { fingerprint, ...order } = rows[0];

    return { order, fingerprint };
  }

  /** Scoped to the user: another user's order id finds nothing. */
  async find(userId: number, orderId: number, tx: EntityManager = this.db.manager): Promise<Order | undefined> {
    const rows: Order[] = await tx.query(`SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1 AND o.user_id = $2`, [
      orderId,
      userId,
    ]);

    return rows[0];
  }

  /** Moves the order from `from` to `to` only if it is still in `from`; answers whether it did. */
  async transition(
    tx: EntityManager,
    userId: number,
    orderId: number,
    from: OrderStatus,
    to: Exclude<OrderStatus, 'created'>,
  ): Promise<boolean> {
    const stampColumn = to === 'paid' ? 'paid_at' : 'cancelled_at';
    const rows: unknown[] = await tx.query(
      `WITH moved AS (
         UPDATE orders SET status = $4, ${stampColumn} = now()
         WHERE id = $1 AND user_id = $2 AND status = $3
         RETURNING id
       )
       SELECT id FROM moved`,
      [orderId, userId, from, to],
    );

    return rows.length > 0;
  }

  async listNewest(userId: number, offset: number, limit: number): Promise<Order[]> {
    return this.db.query(
      `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.user_id = $1 ${NEWEST_FIRST} OFFSET $2 LIMIT $3`,
      [userId, offset, limit],
    );
  }

  /** Keyset page: the orders older than the cursor, however many arrived since (no offset drift). */
  async listAfter(userId: number, cursor: OrderCursor, limit: number): Promise<Order[]> {
    return this.db.query(
      `SELECT ${ORDER_COLUMNS} FROM orders o
       WHERE o.user_id = $1 AND (o.created_at, o.id) < ($2::timestamptz, $3::bigint)
       ${NEWEST_FIRST} LIMIT $4`,
      [userId, cursor.createdAt, cursor.id, limit],
    );
  }
}
