import { MigrationInterface, QueryRunner } from 'typeorm';

/** User center: avatar and phone on the account, and the user's delivery addresses. */
export class UserProfile1764700210000 implements MigrationInterface {
  name = 'UserProfile1764700210000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users ADD COLUMN avatar_url text, ADD COLUMN phone text');
    await queryRunner.query(`
      CREATE TABLE user_addresses (
        user_id     bigint  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        position    integer NOT NULL CHECK (position >= 0),
        label       text    NOT NULL,
        recipient   text    NOT NULL,
        phone       text    NOT NULL,
        line1       text    NOT NULL,
        line2       text    NOT NULL DEFAULT '',
        city        text    NOT NULL,
        region      text    NOT NULL DEFAULT '',
        postal_code text    NOT NULL DEFAULT '',
        country     text    NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        is_default  boolean NOT NULL DEFAULT false,
        PRIMARY KEY (user_id, position)
      )`);
    // At most one default address per user, also under concurrent updates.
    await queryRunner.query('CREATE UNIQUE INDEX user_addresses_one_default ON user_addresses (user_id) WHERE is_default');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE user_addresses');
    await queryRunner.query('ALTER TABLE users DROP COLUMN phone, DROP COLUMN avatar_url');
  }
}
