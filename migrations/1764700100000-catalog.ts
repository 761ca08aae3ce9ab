import { MigrationInterface, QueryRunner } from 'typeorm';

/** Catalog module: categories (a tree) and products. Prices are integer cents. */
export class Catalog1764700100000 implements MigrationInterface {
  name = 'Catalog1764700100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE categories (
        id        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        parent_id bigint  REFERENCES categories (id),
        name      text    NOT NULL,
        slug      text    NOT NULL UNIQUE,
        position  integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`
      CREATE TABLE products (
        id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        category_id bigint      NOT NULL REFERENCES categories (id),
        name        text        NOT NULL,
        description text        NOT NULL DEFAULT '',
        price_cents bigint      NOT NULL CHECK (price_cents >= 0),
        -- The guard of last resort against overselling: no path may take stock below zero.
        stock       integer     NOT NULL CHECK (stock >= 0),
        images      jsonb       NOT NULL DEFAULT '[]',
        on_sale     boolean     NOT NULL DEFAULT true,
        version     integer     NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX products_by_category ON products (category_id, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE products');
    await queryRunner.query('DROP TABLE categories');
  }
}
