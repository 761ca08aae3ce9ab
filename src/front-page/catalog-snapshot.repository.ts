import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CategoryRow {
  id: number;
  parentId: number | null;
  name: string;
  slug: string;
  position: number;
}

/** What the front page and the static files show of a product; stock is live data, so not here. */
export interface ProductSummary {
  id: number;
  categoryId: number;
  name: string;
  priceCents: number;
  images: string[];
}

export interface ProductDetails extends ProductSummary {
  description: string;
  onSale: boolean;
  updatedAt: string;
}

const SUMMARY_COLUMNS = `p.id, p.category_id AS "categoryId", p.name, p.price_cents AS "priceCents", p.images`;
const DETAIL_COLUMNS = `${SUMMARY_COLUMNS}, p.description, p.on_sale AS "onSale", p.updated_at AS "updatedAt"`;

/**
 * Read-only snapshots of the catalog tables (migrations/1764700100000-catalog.ts) for the front
 * page and the static export.
 * Known shortcoming: the catalog module owns these tables, so these reads belong behind
 * CatalogService (they were written before it existed). This class is the only place outside
 * src/catalog that reads them; moving it is listed as open work in the README (Architecture).
 */
@Injectable()
export class CatalogSnapshotRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async categories(): Promise<CategoryRow[]> {
    return this.db.query(
      `SELECT id, parent_id AS "parentId", name, slug, position FROM categories ORDER BY position, id`,
    );
  }

  /** The admin's pick in its order; with no pick, the newest products on sale. */
  async featuredProducts(limit: number): Promise<ProductSummary[]> {
    const picked: ProductSummary[] = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM featured_products f JOIN products p ON p.id = f.product_id
       WHERE p.on_sale ORDER BY f.position, p.id LIMIT $1`,
      [limit],
    );
    if (picked.length > 0) return picked;

    return this.db.query(`SELECT ${SUMMARY_COLUMNS} FROM products p WHERE p.on_sale ORDER BY p.id DESC LIMIT $1`, [limit]);
  }

  async product(id: number): Promise<ProductDetails | undefined> {
    const rows: (Omit<ProductDetails, 'updatedAt'> & { updatedAt: Date })[] = await this.db.query(
      `SELECT ${DETAIL_COLUMNS} FROM products p WHERE p.id = $1`,
      [id],
    );

    return rows[0] && { ...rows[0], updatedAt: rows[0].updatedAt.toISOString() };
  }

  /** Product ids in ascending order after `afterId`, a page at a time (keyset pagination). */
  async productIdsAfter(afterId: number, limit: number): Promise<number[]> {
    const rows: { id: number }[] = await this.db.query('SELECT id FROM products WHERE id > $1 ORDER BY id LIMIT $2', [
      afterId,
      limit,
    ]);

    return rows.map((row) => row.id);
  }
}
