import request from 'supertest';

import { ReadThroughCache } from '@app/cache/read-through-cache';
import { CATEGORY_PAGE_CACHE } from '@app/catalog/catalog-cache-policies';
import { seedCatalog } from '@app/catalog/catalog-demo-data';
import { createCategory, createProduct, createProducts } from '@test/support/catalog-factories';
import { countQueries } from '@test/support/query-counter';
import { useTestApp } from '@test/support/test-app';

describe('Catalog', () => {
  const t = useTestApp();

  it('seeds thousands of demo products quickly, and only once when run again', async () => {
    const started = Date.now();
    const first = await seedCatalog(t.db, 5000);
    const elapsed = Date.now() - started;
    const again = await seedCatalog(t.db, 5000);

    expect(first).toEqual({ categories: 30, products: 5000 });
    expect(again).toEqual(first);
    // Generous bound for two shared cores: one INSERT ... SELECT, not 5,000 round trips.
    expect(elapsed).toBeLessThan(10_000);
    const [{ negative }] = await t.db.query('SELECT count(*)::int AS negative FROM products WHERE stock < 0 OR price_cents < 0');
    expect(negative).toBe(0);
  });

  it('answers a product with its price in integer cents, the same from PostgreSQL and from Redis', async () => {
    const product = await createProduct(t, { priceCents: 123_456, stock: 7 });

    const cold = await request(t.url).get(`/v1/products/${product.id}`).expect(200);
    const warm = await request(t.url).get(`/v1/products/${product.id}`).expect(200);

    expect(cold.body).toEqual({
      id: product.id,
      categoryId: product.categoryId,
      name: 'Product 1',
      description: '',
      priceCents: 123_456,
      stock: 7,
      images: ['https://img.test/1.jpg'],
      onSale: true,
    });
    expect(warm.body).toEqual(cold.body);
  });

  it('lists a category and its sub-categories page by page, without overlap', async () => {
    const parent = await createCategory(t);
    const child = await createCategory(t, parent);
    await createProducts(t, 30, { categoryId: parent });
    await createProducts(t, 15, { categoryId: child });
    await createProducts(t, 5, { categoryId: await createCategory(t) });

    const pages = [];
    for (let page = 1; page <= 3; page++) {
      pages.push((await request(t.url).get(`/v1/categories/${parent}/products?page=${page}&pageSize=20`).expect(200)).body);
    }

    expect(pages.map((page) => page.items.length)).toEqual([20, 20, 5]);
    expect(pages.map((page) => page.hasMore)).toEqual([true, true, false]);
    const ids = pages.flatMap((page) => page.items.map((item: { id: number }) => item.id));
    expect(new Set(ids).size).toBe(45);
    expect(pages[0].items[0]).toEqual({ id: expect.any(Number), name: 'Product 1', priceCents: 1999, image: 'https://img.test/1.jpg', inStock: true });
  });

  it('lists the category tree', async () => {
    await seedCatalog(t.db, 10);

    const categories = (await request(t.url).get('/v1/categories').expect(200)).body;

    expect(categories).toHaveLength(30);
    expect(categories.filter((category: { parentId: number | null }) => category.parentId === null)).toHaveLength(6);
  });

  it('remembers an unknown product as absent, so repeated misses stop reaching PostgreSQL (penetration)', async () => {
    const queries = countQueries();
    try {
      for (let i = 0; i < 20; i++) {
        const response = await request(t.url).get('/v1/products/999999').expect(404);
        expect(response.body.error).toBe('PRODUCT_NOT_FOUND');
      }
      expect(queries.count(/FROM products WHERE id/)).toBe(1);
    } finally {
      queries.stop();
    }
    const ttl = await t.redis.pttl(`${t.config.redis.keyPrefix}cache:product:999999`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(t.config.catalog.absentTtlSeconds * 1000);
  });

  it('answers 404 for an unknown category and remembers that too', async () => {
    const queries = countQueries();
    try {
      await request(t.url).get('/v1/categories/424242/products').expect(404);
      const again = await request(t.url).get('/v1/categories/424242/products').expect(404);
      expect(again.body.error).toBe('CATEGORY_NOT_FOUND');
      expect(queries.count(/WITH RECURSIVE subtree/)).toBe(1);
    } finally {
      queries.stop();
    }
  });

  it('keeps an empty category page only for the short absent lifetime, a full one for the page lifetime', async () => {
    const empty = await createCategory(t);
    const full = await createCategory(t);
    await createProducts(t, 3, { categoryId: full });

    expect((await request(t.url).get(`/v1/categories/${empty}/products`).expect(200)).body.items).toEqual([]);
    expect((await request(t.url).get(`/v1/categories/${full}/products`).expect(200)).body.items).toHaveLength(3);

    const cache = t.app.get(ReadThroughCache);
    const emptyTtl = await t.redis.pttl(cache.redisKey(CATEGORY_PAGE_CACHE, empty, 1, 20));
    const fullTtl = await t.redis.pttl(cache.redisKey(CATEGORY_PAGE_CACHE, full, 1, 20));
    expect(emptyTtl).toBeGreaterThan(0);
    expect(emptyTtl).toBeLessThanOrEqual(t.config.catalog.absentTtlSeconds * 1000);
    expect(fullTtl).toBeGreaterThan(t.config.catalog.absentTtlSeconds * 1000);
    expect(fullTtl).toBeLessThanOrEqual(t.config.catalog.categoryPageTtlSeconds * 1000);
  });

  it.each([
    ['/v1/products/abc'],
    ['/v1/products/-1'],
    ['/v1/products/0'],
    ['/v1/products/1.5'],
    ['/v1/categories/1/products?pageSize=1000000'],
    ['/v1/categories/1/products?pageSize=0'],
    ['/v1/categories/1/products?page=-3'],
    ['/v1/categories/1/products?sort=price'],
  ])('refuses %s with 400', async (path) => {
    const response = await request(t.url).get(path).expect(400);

    expect(response.body.error).toBe('VALIDATION_FAILED');
  });
});
