import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Promotions module: flash sales (with an audit trail of stock changes) and red packets.
 *
 * A flash sale's units are reserved from products.stock when it is published. Its own counters keep
 *   total_stock = stock_remaining + (units in live orders of the sale) + returned_stock
 * where stock_remaining counts units not yet in an order (in Redis, or in tickets still queued)
 * and returned_stock the units given back to the product when the sale ended.
 */
export class Promotions1764700300000 implements MigrationInterface {
  name = 'Promotions1764700300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE flash_sales (
        id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        product_id      bigint      NOT NULL REFERENCES products (id),
        price_cents     bigint      NOT NULL CHECK (price_cents >= 0),
        per_user_limit  integer     NOT NULL CHECK (per_user_limit >= 1),
        starts_at       timestamptz NOT NULL,
        ends_at         timestamptz NOT NULL,
        status          text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'ended')),
        total_stock     integer     NOT NULL CHECK (total_stock > 0),
        stock_remaining integer     NOT NULL CHECK (stock_remaining >= 0),
        returned_stock  integer     NOT NULL DEFAULT 0 CHECK (returned_stock >= 0),
        created_at      timestamptz NOT NULL DEFAULT now(),
        published_at    timestamptz,
        ended_at        timestamptz,
        CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`
      CREATE TABLE flash_sale_adjustments (
        id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        flash_sale_id bigint      NOT NULL REFERENCES flash_sales (id),
        kind          text        NOT NULL CHECK (kind IN ('publish', 'add_stock', 'end', 'reconcile')),
        quantity      integer     NOT NULL,
        actor_id      bigint      REFERENCES users (id),
        details       jsonb       NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'ALTER TABLE orders ADD CONSTRAINT orders_flash_sale_fk FOREIGN KEY (flash_sale_id) REFERENCES flash_sales (id)',
    );
    // Reconciliation counts a sale's orders.
    await queryRunner.query('CREATE INDEX orders_by_flash_sale ON orders (flash_sale_id) WHERE flash_sale_id IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE red_packets (
        id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        creator_id     bigint      NOT NULL REFERENCES users (id),
        total_cents    bigint      NOT NULL CHECK (total_cents > 0),
        shares         integer     NOT NULL CHECK (shares >= 1 AND shares <= total_cents),
        expires_at     timestamptz NOT NULL,
        status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired')),
        refunded_cents bigint      CHECK (refunded_cents >= 0),
        created_at     timestamptz NOT NULL DEFAULT now(),
        expired_at     timestamptz
      )`);
    // One grab per user per packet: the primary key makes a retried job credit the wallet once.
    await queryRunner.query(`
      CREATE TABLE red_packet_grabs (
        packet_id    bigint      NOT NULL REFERENCES red_packets (id),
        user_id      bigint      NOT NULL REFERENCES users (id),
        amount_cents bigint      NOT NULL CHECK (amount_cents > 0),
        grabbed_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (packet_id, user_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE red_packet_grabs');
    await queryRunner.query('DROP TABLE red_packets');
    await queryRunner.query('DROP INDEX orders_by_flash_sale');
    await queryRunner.query('ALTER TABLE orders DROP CONSTRAINT orders_flash_sale_fk');
    await queryRunner.query('DROP TABLE flash_sale_adjustments');
    await queryRunner.query('DROP TABLE flash_sales');
  }
}
