import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders module: orders and their lines, for ordinary checkouts and for flash-sale tickets alike.
 * Also the users' wallet balance (cents), credited by red-packet grabs.
 */
export class Orders1764700200000 implements MigrationInterface {
  name = 'Orders1764700200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE orders (
        id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id         bigint      NOT NULL REFERENCES users (id),
        status          text        NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'paid', 'cancelled')),
        source          text        NOT NULL DEFAULT 'checkout' CHECK (source IN ('checkout', 'flash_sale')),
        total_cents     bigint      NOT NULL CHECK (total_cents >= 0),
        -- A retried POST with the same key returns the first order instead of creating another.
        idempotency_key text,
        -- Flash-sale orders: the ticket the API handed out; unique, so a job that runs twice writes one order.
        flash_sale_id   bigint,
        ticket_id       uuid        UNIQUE,
        pay_deadline    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        paid_at         timestamptz,
        cancelled_at    timestamptz
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX orders_idempotency ON orders (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL',
    );
    // The order list: newest first per user, with id as tie-breaker for keyset pagination.
    await queryRunner.query('CREATE INDEX orders_by_user_newest ON orders (user_id, created_at DESC, id DESC)');
    await queryRunner.query(`
      CREATE TABLE order_lines (
        order_id         bigint  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        line_no          integer NOT NULL,
        product_id       bigint  NOT NULL REFERENCES products (id),
        quantity         integer NOT NULL CHECK (quantity > 0),
        unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
        PRIMARY KEY (order_id, line_no)
      )`);
    await queryRunner.query(
      'ALTER TABLE users ADD COLUMN wallet_balance_cents bigint NOT NULL DEFAULT 0 CHECK (wallet_balance_cents >= 0)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users DROP COLUMN wallet_balance_cents');
    await queryRunner.query('DROP TABLE order_lines');
    await queryRunner.query('DROP TABLE orders');
  }
}
