import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Category, Product, ProductSummary } from './catalog.types';

const PRODUCT_COLUMNS = `id, category_id AS "categoryId", name, description, price_cents AS "priceCents", stock,
  images, on_sale AS "onSale"`;

export interface StockState {
  stock: number;
  onSale: boolean;
}

@Injectable()
export class CatalogRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findProduct(productId: number): Promise<Product | undefined> {
    const rows: Product[] = await this.db.query(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = $1`, [productId]);

    return rows[0];
  }

  async categoryExists(categoryId: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM categories WHERE id = $1', [categoryId]);

    return rows.length > 0;
  }

  async listCategories(): Promise<Category[]> {
    return this.db.query(
      'SELECT id, parent_id AS "parentId", name, slug, position FROM categories ORDER BY parent_id NULLS FIRST, position, id',
    );
  }

  /** On-sale products of the category and its sub-categories, by id; one row more tells if a next page exists. */
  async listByCategory(categoryId: number, offset: number, limit: number): Promise<ProductSummary[]> {
    return this.db.query(
      `WITH RECURSIVE subtree AS (
         SELECT id FROM categories WHERE id = $1
         UNION ALL
         SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id
       )
       SELECT id, name, price_cents AS "priceCents", images ->> 0 AS image, stock > 0 AS "inStock"
       FROM products
       WHERE category_id IN (SELECT id FROM subtree) AND on_sale
       ORDER BY id
       OFFSET $2 LIMIT $3`,
      [categoryId, offset, limit],
    );
  }

  /**
   * Takes stock only if enough is left, in the caller's transaction (a CTE, because TypeORM
   * answers a bare UPDATE with [rows, count] instead of the rows). The condition and the
   * decrement are one statement, and the row lock it takes makes concurrent buyers queue on the
   * row: stock can never go below zero (the CHECK constraint is the guard of last resort).
   */
  async takeStock(tx: EntityManager, productId: number, quantity: number): Promise<number | undefined> {
    const rows: { priceCents: number }[] = await tx.query(
      `WITH taken AS (
         UPDATE products SET stock = stock - $2, updated_at = now()
         WHERE id = $1 AND on_sale AND stock >= $2
         RETURNING price_cents
       )
       SELECT price_cents AS "priceCents" FROM taken`,
      [productId, quantity],
    );

    return rows[0]?.priceCents;
  }

  async stockState(tx: EntityManager, productId: number): Promise<StockState | undefined> {
    const rows: StockState[] = await tx.query('SELECT stock, on_sale AS "onSale" FROM products WHERE id = $1', [productId]);

    return rows[0];
  }

  async returnStock(tx: EntityManager, productId: number, quantity: number): Promise<void> {
    await tx.query('UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1', [productId, quantity]);
  }
}
