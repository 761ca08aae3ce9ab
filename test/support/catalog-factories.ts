import { TestApp } from './test-app';

export interface TestProduct {
  id: number;
  categoryId: number;
  priceCents: number;
  stock: number;
}

let sequence = 0;

export async function createCategory(t: TestApp, parentId: number | null = null): Promise<number> {
  const slug = `test-category-${Date.now()}-${sequence++}`;
  const [row]: { id: number }[] = await t.db.query(
    'INSERT INTO categories (parent_id, name, slug) VALUES ($1, $2, $2) RETURNING id',
    [parentId, slug],
  );

  return row.id;
}

/** Products straight into PostgreSQL; one category for all of them unless given. */
export async function createProducts(
  t: TestApp,
  count: number,
  fields: { stock?: number; priceCents?: number; onSale?: boolean; categoryId?: number } = {},
): Promise<TestProduct[]> {
  const categoryId = fields.categoryId ?? (await createCategory(t));

  return t.db.query(
    `INSERT INTO products (category_id, name, price_cents, stock, on_sale, images)
     SELECT $1, 'Product ' || n, $3, $4, $5, jsonb_build_array('https://img.test/' || n || '.jpg')
     FROM generate_series(1, $2::int) AS n
     RETURNING id, category_id AS "categoryId", price_cents AS "priceCents", stock`,
    [categoryId, count, fields.priceCents ?? 1999, fields.stock ?? 100, fields.onSale ?? true],
  );
}

export async function createProduct(t: TestApp, fields: Parameters<typeof createProducts>[2] = {}): Promise<TestProduct> {
  const [product] = await createProducts(t, 1, fields);
  return product;
}

export async function stockOf(t: TestApp, productId: number): Promise<number> {
  const [row]: { stock: number }[] = await t.db.query('SELECT stock FROM products WHERE id = $1', [productId]);
  return row.stock;
}
