import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface Banner {
  id: number;
  title: string;
  imageUrl: string;
  linkUrl: string;
  position: number;
  active: boolean;
}

export type NewBanner = Omit<Banner, 'id'>;

const BANNER_COLUMNS = 'id, title, image_url AS "imageUrl", link_url AS "linkUrl", position, active';

/** The front page's own tables (migrations/1764700500000-front-page.ts): banners and the featured pick. */
@Injectable()
export class FrontPageContentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async activeBanners(): Promise<Banner[]> {
    return this.db.query(`SELECT ${BANNER_COLUMNS} FROM banners WHERE active ORDER BY position, id`);
  }

  async insertBanner(banner: NewBanner): Promise<Banner> {
    const rows: Banner[] = await this.db.query(
      `INSERT INTO banners (title, image_url, link_url, position, active) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${BANNER_COLUMNS}`,
      [banner.title, banner.imageUrl, banner.linkUrl, banner.position, banner.active],
    );

    return rows[0];
  }

  async updateBanner(id: number, changes: Partial<NewBanner>): Promise<Banner | undefined> {
    const [rows]: [Banner[], number] = await this.db.query(
      `UPDATE banners SET
         title = COALESCE($2, title), image_url = COALESCE($3, image_url), link_url = COALESCE($4, link_url),
         position = COALESCE($5, position), active = COALESCE($6, active)
       WHERE id = $1 RETURNING ${BANNER_COLUMNS}`,
      [id, changes.title, changes.imageUrl, changes.linkUrl, changes.position, changes.active],
    );

    return rows[0];
  }

  async deleteBanner(id: number): Promise<boolean> {
    const [, deleted]: [unknown, number] = await this.db.query('DELETE FROM banners WHERE id = $1', [id]);

    return deleted > 0;
  }

  /**
   * Replaces the whole pick in one transaction; position follows the given order. Returns the ids
   * that are not products, and then changes nothing.
   */
  async replaceFeatured(productIds: number[]): Promise<number[]> {
    return this.db.transaction(async (manager) => {
      const unknown: { id: number }[] = await manager.query(
        `SELECT id FROM unnest($1::bigint[]) AS picked (id) WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = picked.id)`,
        [productIds],
      );
      if (unknown.length > 0) return unknown.map((row) => row.id);

      await manager.query('DELETE FROM featured_products');
      await manager.query(
        `INSERT INTO featured_products (product_id, position)
         SELECT id, ordinality FROM unnest($1::bigint[]) WITH ORDINALITY AS picked (id, ordinality)`,
        [productIds],
      );

      return [];
    });
  }
}
