import { sign } from 'jsonwebtoken';
import { Client } from 'pg';

export interface BenchData {
  tokens: string[];
  adminToken: string;
  productId: number;
}

/**
 * What the scenarios read: users with 41 orders each (a full cached page 1 and more), a catalog
 * for the front page, a product with enough stock for a long flash sale, an admin with a wallet
 * for the red packet. One INSERT … SELECT per table.
 */
export async function seedBenchData(databaseUrl: string, jwtSecret: string, users: number): Promise<BenchData> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`TRUNCATE users, categories RESTART IDENTITY CASCADE`);
    const admin = await db.query<{ id: number }>(
      `INSERT INTO users (email, password_hash, role, display_name, wallet_balance_cents)
       VALUES ('admin@bench.local', 'unusable', 'admin', 'Bench admin', 100000000) RETURNING id`,
    );
    const userRows = await db.query<{ id: number }>(
      `INSERT INTO users (email, password_hash, role, display_name)
       SELECT 'bench' || n || '@bench.local', 'unusable', 'user', 'Bench ' || n FROM generate_series(1, $1::int) n
       RETURNING id`,
      [users],
    );
    const category = await db.query<{ id: number }>(`INSERT INTO categories (name, slug) VALUES ('Bench', 'bench') RETURNING id`);
    const products = await db.query<{ id: number }>(
      `INSERT INTO products (category_id, name, price_cents, stock)
       SELECT $1, 'Bench product ' || n, 1000 + n, 10000000 FROM generate_series(1, 50) n RETURNING id`,
      [category.rows[0].id],
    );
    const productId = Number(products.rows[0].id);
    await db.query(
      `WITH placed AS (
         INSERT INTO orders (user_id, status, source, total_cents, created_at)
         SELECT u.id, 'created', 'checkout', 1000 + n, now() - n * interval '1 minute'
         FROM users u CROSS JOIN generate_series(1, 41) n WHERE u.role = 'user'
         RETURNING id, total_cents
       )
       INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_cents)
       SELECT id, 1, $1, 1, total_cents FROM placed`,
      [productId],
    );

    const token = (id: number, role: string) => sign({ sub: String(id), role }, jwtSecret, { expiresIn: 3600 });
    return {
      tokens: userRows.rows.map((row) => token(Number(row.id), 'user')),
      adminToken: token(Number(admin.rows[0].id), 'admin'),
      productId,
    };
  } finally {
    await db.end();
  }
}

export async function countFlashSaleOrders(databaseUrl: string, saleId: number): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const result = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE flash_sale_id = $1', [saleId]);
    return result.rows[0].n;
  } finally {
    await db.end();
  }
}
