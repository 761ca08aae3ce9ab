import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { FrontPageSale } from '@app/front-page/active-sales.source';

import { FlashSale } from './flash-sale.types';

export interface NewFlashSale {
  productId: number;
  priceCents: number;
  stock: number;
  perUserLimit: number;
  startsAt: Date;
  endsAt: Date;
}

export interface SaleCounts {
  /** Units in the sale's orders that are not cancelled. */
  sold: number;
  /** Pending ticket ids (from Redis) that already have an order: committed, not yet confirmed. */
  committedPending: number;
}

const SALE_COLUMNS = `id, product_id AS "productId", price_cents AS "priceCents", per_user_limit AS "perUserLimit",
  starts_at AS "startsAt", ends_at AS "endsAt", status, total_stock AS "totalStock",
  stock_remaining AS "stockRemaining", returned_stock AS "returnedStock"`;

/**
 * The flash_sales table. Stock moves between a product and its sale only inside one transaction
 * with the sale's counters and an adjustment row, so the two always add up.
 */
@Injectable()
export class FlashSaleRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Undefined when the product does not exist. */
  async insertDraft(sale: NewFlashSale): Promise<FlashSale | undefined> {
    const rows: FlashSale[] = await this.db.query(
      `INSERT INTO flash_sales (product_id, price_cents, per_user_limit, starts_at, ends_at, total_stock, stock_remaining)
       SELECT p.id, $2, $3, $4, $5, $6, $6 FROM products p WHERE p.id = $1
       RETURNING ${SALE_COLUMNS}`,
      [sale.productId, sale.priceCents, sale.perUserLimit, sale.startsAt, sale.endsAt, sale.stock],
    );

    return rows[0];
  }

  /** Published sales whose window contains `now`, soonest ending first: what the front page shows. */
  async listActive(now: Date, limit: number): Promise<FrontPageSale[]> {
    const rows: (Omit<FrontPageSale, 'startsAt' | 'endsAt'> & { startsAt: Date; endsAt: Date })[] = await this.db.query(
      `SELECT s.id, s.product_id AS "productId", p.name AS title, s.price_cents AS "salePriceCents",
              s.starts_at AS "startsAt", s.ends_at AS "endsAt"
       FROM flash_sales s JOIN products p ON p.id = s.product_id
       WHERE s.status = 'published' AND s.starts_at <= $1 AND s.ends_at > $1
       ORDER BY s.ends_at, s.id LIMIT $2`,
      [now, limit],
    );

    return rows.map((row) => ({ ...row, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() }));
  }

  async findById(saleId: number): Promise<FlashSale | undefined> {
    const rows: FlashSale[] = await this.db.query(`SELECT ${SALE_COLUMNS} FROM flash_sales WHERE id = $1`, [saleId]);

    return rows[0];
  }

  /**
   * Draft to published, reserving the sale's stock from the product. Returns 'reserved' for the
   * call that did it, 'already' when the sale was published before, or why it could not.
   */
  async publish(saleId: number, actorId: number): Promise<'reserved' | 'already' | 'ended' | 'no-stock' | 'missing'> {
    return this.db.transaction(async (tx) => {
      const [sale] = await tx.query<{ status: string; product_id: number; total_stock: number }[]>(
        'SELECT status, product_id, total_stock FROM flash_sales WHERE id = $1 FOR UPDATE',
        [saleId],
      );
      if (!sale) return 'missing';
      if (sale.status === 'published') return 'already';
      if (sale.status === 'ended') return 'ended';

      if (!(await takeFromProduct(tx, sale.product_id, sale.total_stock))) return 'no-stock';
      await tx.query(`UPDATE flash_sales SET status = 'published', published_at = now() WHERE id = $1`, [saleId]);
      await recordAdjustment(tx, saleId, 'publish', sale.total_stock, actorId);

      return 'reserved';
    });
  }

  /** Adds units taken from the product to a published sale; false if the product lacks them. */
  async addStock(saleId: number, quantity: number, actorId: number): Promise<'added' | 'not-live' | 'no-stock'> {
    return this.db.transaction(async (tx) => {
      const [sale] = await tx.query<{ product_id: number }[]>(
        `SELECT product_id FROM flash_sales WHERE id = $1 AND status = 'published' FOR UPDATE`,
        [saleId],
      );
      if (!sale) return 'not-live';
      if (!(await takeFromProduct(tx, sale.product_id, quantity))) return 'no-stock';
      await tx.query('UPDATE flash_sales SET total_stock = total_stock + $2, stock_remaining = stock_remaining + $2 WHERE id = $1', [
        saleId,
        quantity,
      ]);
      await recordAdjustment(tx, saleId, 'add_stock', quantity, actorId);

      return 'added';
    });
  }

  /**
   * Marks the sale ended and gives the units Redis took off it back to the product. Idempotent:
   * only the call that moves the status does anything.
   */
  async close(saleId: number, unsold: number, actorId: number | null): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await updateReturning<{ product_id: number }>(tx,
        `UPDATE flash_sales SET status = 'ended', ended_at = now(),
           stock_remaining = stock_remaining - $2, returned_stock = returned_stock + $2
         WHERE id = $1 AND status = 'published' RETURNING product_id`,
        [saleId, unsold],
      );
      if (rows.length === 0) return false;
      await giveToProduct(tx, rows[0].product_id, unsold);
      await recordAdjustment(tx, saleId, 'end', unsold, actorId);

      return true;
    });
  }

  /**
   * Units that left Redis after the sale closed there (a ticket of a closed sale that never became
   * an order, stock added while the sale was closing) go back to the product.
   */
  async returnUnitsToProduct(saleId: number, quantity: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await updateReturning<{ product_id: number }>(tx,
        `UPDATE flash_sales SET stock_remaining = stock_remaining - $2, returned_stock = returned_stock + $2
         WHERE id = $1 AND stock_remaining >= $2 RETURNING product_id`,
        [saleId, quantity],
      );
      if (rows[0]) await giveToProduct(tx, rows[0].product_id, quantity);
    });
  }

  async counts(saleId: number, pendingTicketIds: string[]): Promise<SaleCounts> {
    const [row] = await this.db.query<SaleCounts[]>(
      `SELECT count(*) FILTER (WHERE status <> 'cancelled')::int AS sold,
              count(*) FILTER (WHERE ticket_id = ANY($2::uuid[]))::int AS "committedPending"
       FROM orders WHERE flash_sale_id = $1`,
      [saleId, pendingTicketIds],
    );

    return row;
  }

  async ticketsWithOrders(ticketIds: string[]): Promise<string[]> {
    const rows: { ticketId: string }[] = await this.db.query('SELECT ticket_id AS "ticketId" FROM orders WHERE ticket_id = ANY($1::uuid[])', [ticketIds]);

    return rows.map((row) => row.ticketId);
  }

  /** Reconciliation's repair of the database side, recorded with what was found. */
  async repair(saleId: number, stockRemaining: number, returnToProduct: number, details: object, actorId: number | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await updateReturning<{ product_id: number }>(tx,
        `UPDATE flash_sales SET stock_remaining = $2, returned_stock = returned_stock + $3 WHERE id = $1 RETURNING product_id`,
        [saleId, stockRemaining, returnToProduct],
      );
      if (returnToProduct > 0) await giveToProduct(tx, rows[0].product_id, returnToProduct);
      await recordAdjustment(tx, saleId, 'reconcile', returnToProduct, actorId, details);
    });
  }
}

async function takeFromProduct(tx: EntityManager, productId: number, quantity: number): Promise<boolean> {
  const rows = await updateReturning(tx, 'UPDATE products SET stock = stock - $2, updated_at = now() WHERE id = $1 AND stock >= $2 RETURNING id', [
    productId,
    quantity,
  ]);

  return rows.length === 1;
}

async function giveToProduct(tx: EntityManager, productId: number, quantity: number): Promise<void> {
  if (quantity === 0) return;
  await tx.query('UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1', [productId, quantity]);
}

async function recordAdjustment(
  tx: EntityManager,
  saleId: number,
  kind: 'publish' | 'add_stock' | 'end' | 'reconcile',
  quantity: number,
  actorId: number | null,
  details: object = {},
): Promise<void> {
  await tx.query('INSERT INTO flash_sale_adjustments (flash_sale_id, kind, quantity, actor_id, details) VALUES ($1, $2, $3, $4, $5)', [
    saleId,
    kind,
    quantity,
    actorId,
    JSON.stringify(details),
  ]);
}

/** TypeORM answers an UPDATE ... RETURNING on PostgreSQL with [rows, affected count]. */
async function updateReturning<T = unknown>(tx: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const [rows] = await tx.query<[T[], number]>(sql, parameters);

  return rows;
}
