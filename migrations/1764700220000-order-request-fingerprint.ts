import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fingerprint of the request that created a checkout order under an Idempotency-Key, so a
 * retry with the same key but a different basket is refused instead of answered with the wrong order.
 */
export class OrderRequestFingerprint1764700220000 implements MigrationInterface {
  name = 'OrderRequestFingerprint1764700220000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE orders ADD COLUMN request_fingerprint text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE orders DROP COLUMN request_fingerprint');
  }
}
