import { MigrationInterface, QueryRunner } from 'typeorm';

/** Front page: admin-managed banners and the admin's pick of featured products. */
export class FrontPage1764700500000 implements MigrationInterface {
  name = 'FrontPage1764700500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE banners (
        id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        title      text        NOT NULL,
        image_url  text        NOT NULL,
        link_url   text        NOT NULL DEFAULT '',
        position   integer     NOT NULL DEFAULT 0,
        active     boolean     NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE featured_products (
        product_id bigint  PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
        position   integer NOT NULL DEFAULT 0
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE featured_products');
    await queryRunner.query('DROP TABLE banners');
  }
}
