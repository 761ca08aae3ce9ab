import request from 'supertest';

import { createUser, TestUser } from './factories';
import { TestApp } from './test-app';

let sequence = 0;

/** A product (in a fresh category) straight in PostgreSQL; returns its id. */
export async function createProduct(t: TestApp, stock: number, priceCents = 10_000): Promise<number> {
  const slug = `cat-${Date.now()}-${sequence++}`;
  const [category] = await t.db.query('INSERT INTO categories (name, slug) VALUES ($1, $1) RETURNING id', [slug]);
  const [product] = await t.db.query(
    'INSERT INTO products (category_id, name, price_cents, stock) VALUES ($1, $2, $3, $4) RETURNING id',
    [category.id, `Product ${slug}`, priceCents, stock],
  );

  return product.id;
}

export interface SaleOptions {
  stock: number;
  perUserLimit?: number;
  priceCents?: number;
  productStock?: number;
  startsAt?: Date;
  endsAt?: Date;
}

export interface PublishedSale {
  id: number;
  productId: number;
  admin: TestUser;
}

/** Creates and publishes a sale through the admin API; the window is open now unless told otherwise. */
export async function publishSale(t: TestApp, options: SaleOptions): Promise<PublishedSale> {
  const admin = await createUser(t, 'admin');
  const productId = await createProduct(t, options.productStock ?? options.stock);
  const now = Date.now();
  const created = await request(t.url)
    .post('/v1/admin/flash-sales')
    .auth(admin.token, { type: 'bearer' })
    .send({
      productId,
      priceCents: options.priceCents ?? 990,
      stock: options.stock,
      perUserLimit: options.perUserLimit ?? 1,
      startsAt: (options.startsAt ?? new Date(now - 60_000)).toISOString(),
      endsAt: (options.endsAt ?? new Date(now + 3600_000)).toISOString(),
    })
    .expect(201);
  const published = await request(t.url).post(`/v1/admin/flash-sales/${created.body.id}/publish`).auth(admin.token, { type: "bearer" });
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);

  return { id: created.body.id, productId, admin };
}

/** Waits until `check` holds, polling; fails with the last value after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }

  return value;
}
