/**
 * Loads demo data, idempotently (a second run adds only what is missing):
 * - DEMO_USERS users (default 10,000), e-mails demo1@flashmart.local … demoN@flashmart.local, all
 *   with the password "demo-password": one argon2 hash and one INSERT … SELECT generate_series;
 * - a catalog of DEMO_PRODUCTS products (default 5,000) in 6 departments of 4 sections.
 */
import 'reflect-metadata';

import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';

import { loadConfigFromProcess } from '../src/config/config.module';
import { seedCatalog } from '../src/catalog/catalog-demo-data';
import { typeormOptions } from '../src/database/typeorm-options';

export const DEMO_PASSWORD = 'demo-password';

export async function seedDemoUsers(db: DataSource, count: number): Promise<number> {
  const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });
  const inserted: unknown[] = await db.query(
    `INSERT INTO users (email, password_hash, role, display_name)
     SELECT 'demo' || n || '@flashmart.local', $2, 'user', 'Demo user ' || n
     FROM generate_series(1, $1::int) AS n
     ON CONFLICT (email) DO NOTHING
     RETURNING id`,
    [count, passwordHash],
  );

  return inserted.length;
}

async function main(): Promise<void> {
  const userCount = Number(process.env.DEMO_USERS ?? 10_000);
  const productCount = Number(process.env.DEMO_PRODUCTS ?? 5_000);
  const dataSource = new DataSource(typeormOptions(loadConfigFromProcess()));
  await dataSource.initialize();
  try {
    const started = Date.now();
    const users = await seedDemoUsers(dataSource, userCount);
    const catalog = await seedCatalog(dataSource, productCount);
    console.log(
      `demo data: ${users} new users (of ${userCount}), catalog of ${catalog.categories} categories and ` +
        `${catalog.products} products, in ${Date.now() - started} ms`,
    );
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
