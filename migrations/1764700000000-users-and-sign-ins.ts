import { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersAndSignIns1764700000000 implements MigrationInterface {
  name = 'UsersAndSignIns1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email          text        NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash  text        NOT NULL,
        role           text        NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
        display_name   text        NOT NULL,
        points_balance bigint      NOT NULL DEFAULT 0 CHECK (points_balance >= 0),
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);

    // One row per user per business day: the primary key is the last guard against double sign-in.
    await queryRunner.query(`
      CREATE TABLE sign_ins (
        user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        day        date        NOT NULL,
        streak     integer     NOT NULL CHECK (streak >= 1),
        points     integer     NOT NULL CHECK (points >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, day)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE sign_ins');
    await queryRunner.query('DROP TABLE users');
  }
}
