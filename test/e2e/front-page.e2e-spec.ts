import request from 'supertest';

import { CatalogSnapshotRepository } from '@app/front-page/catalog-snapshot.repository';
import { FrontPageResources } from '@app/front-page/front-page-resources';
import { HotEntryStore } from '@app/hot-cache/hot-entry.store';
import { L1Cache } from '@app/hot-cache/l1-cache';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { drainStaticExports, seedCatalog, SeededCatalog, waitUntil } from '@test/support/hot-data';
import { publishSale } from '@test/support/promotion-factories';
import { TcpProxy } from '@test/support/tcp-proxy';
import { startTestApp, startTestAppThrough, TestApp } from '@test/support/test-app';

/** The front page and the other client-cached reads: three cache levels, versions, 304s, metrics. */
describe('Front page', () => {
  let t: TestApp;
  let admin: TestUser;
  let catalog: SeededCatalog;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    await drainStaticExports(t);
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    dropL1();
    t.clock.set('2026-12-03T04:00:00Z');
    catalog = await seedCatalog(t.db);
    admin = await createUser(t, 'admin');
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  const dropL1 = () => t.app.get(L1Cache).clear();
  const frontPage = () => request(t.url).get('/v1/front-page');

  it('shows featured products, flash sales, banners and the category tree, with a versioned ETag', async () => {
    await request(t.url)
      .post('/v1/admin/banners')
      .auth(admin.token, { type: 'bearer' })
      .send({ title: 'Winter sale', imageUrl: 'https://cdn.example/winter.png' })
      .expect(201);

    const response = await frontPage().expect(200);

    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers.etag).toBe(`"front-page.${response.body.version}"`);
    expect(response.body.featured.map((product: { id: number }) => product.id)).toEqual([...catalog.productIds].reverse());
    expect(response.body.featured[0]).toEqual({
      id: catalog.productIds[2],
      categoryId: catalog.categoryIds[2],
      name: 'Product 3',
      priceCents: 3000,
      images: [],
    });
    expect(response.body.flashSales).toEqual([]);
    expect(response.body.banners).toEqual([
      { id: expect.any(Number), title: 'Winter sale', imageUrl: 'https://cdn.example/winter.png', linkUrl: '', position: 0 },
    ]);
    expect(response.body.categories).toEqual([
      { id: catalog.categoryIds[0], name: 'Phones', slug: 'phones', children: [{ id: catalog.categoryIds[2], name: 'Android', slug: 'android', children: [] }] },
      { id: catalog.categoryIds[1], name: 'Books', slug: 'books', children: [] },
    ]);
  });

  it('lists the flash sales running now, from the promotions module', async () => {
    const running = await publishSale(t, { stock: 5, priceCents: 990 });
    await publishSale(t, { stock: 5, startsAt: new Date(Date.now() + 3600_000), endsAt: new Date(Date.now() + 7200_000) });
    t.clock.set(new Date());

    const response = await frontPage().expect(200);

    expect(response.body.flashSales).toEqual([
      {
        id: running.id,
        productId: running.productId,
        title: expect.any(String),
        salePriceCents: 990,
        startsAt: expect.any(String),
        endsAt: expect.any(String),
      },
    ]);
  });

  it('answers a warm read from L1 without any Redis command', async () => {
    await frontPage().expect(200);
    await drainStaticExports(t);
    const sent = jest.spyOn(t.redis, 'sendCommand');
    const loads = jest.spyOn(t.app.get(FrontPageResources).frontPage, 'load');

    for (let read = 0; read < 20; read++) await frontPage().expect(200);

    expect(sent).not.toHaveBeenCalled();
    expect(loads).not.toHaveBeenCalled();
  });

  it('answers an L1 miss from Redis without PostgreSQL, and a cold miss from PostgreSQL once', async () => {
    const loads = jest.spyOn(t.app.get(FrontPageResources).frontPage, 'load');
    const first = await frontPage().expect(200);
    expect(loads).toHaveBeenCalledTimes(1);

    dropL1();
    const sent = jest.spyOn(t.redis, 'sendCommand');
    const second = await frontPage().expect(200);

    expect(sent).toHaveBeenCalled();
    expect(loads).toHaveBeenCalledTimes(1);
    expect(second.text).toBe(first.text);
  });

  it('answers 304 without a body to If-None-Match or ?v= of the current version, 200 otherwise', async () => {
    const current = await frontPage().expect(200);
    const { etag } = current.headers;
    const version = String(current.body.version);

    const revalidated = await frontPage().set('if-none-match', etag).expect(304);
    expect(revalidated.text).toBe('');
    expect(revalidated.headers.etag).toBe(etag);
    await frontPage().set('if-none-match', `W/${etag}`).expect(304);
    await frontPage().set('if-none-match', `"front-page.1", ${etag}`).expect(304);
    await request(t.url).get(`/v1/front-page?v=${version}`).expect(304);

    const stale = await frontPage().set('if-none-match', '"front-page.1"').expect(200);
    expect(stale.text).toBe(current.text);
    await request(t.url).get('/v1/front-page?v=1').expect(200);
    await request(t.url).get('/v1/front-page?v=latest').expect(400);
    expect((await frontPage().expect(200)).headers['cache-control']).toBe('public, no-cache');
  });

  it('bumps the manifest version of the front page after a change, and only of what changed', async () => {
    const before = await request(t.url).get('/v1/manifest').expect(200);
    expect(Object.keys(before.body.resources)).toEqual(['front-page', 'category-tree', 'app-config']);
    const oldFrontPage = await frontPage().expect(200);
    await request(t.url).get('/v1/manifest').set('if-none-match', before.headers.etag).expect(304);

    await request(t.url)
      .post('/v1/admin/banners')
      .auth(admin.token, { type: 'bearer' })
      .send({ title: 'New', imageUrl: 'https://cdn.example/new.png' })
      .expect(201);

    const after = await request(t.url).get('/v1/manifest').expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.resources['front-page'].version).toBe(before.body.resources['front-page'].version + 1);
    expect(after.body.resources['category-tree']).toEqual(before.body.resources['category-tree']);
    expect(after.body.resources['app-config']).toEqual(before.body.resources['app-config']);
    await frontPage().set('if-none-match', oldFrontPage.headers.etag).expect(200);
    const fresh = await frontPage().expect(200);
    expect(fresh.headers.etag).toBe(after.body.resources['front-page'].etag);
    expect(fresh.body.banners).toHaveLength(1);
  });

  it('keeps the version when a rebuild after expiry finds the same content, and bumps it when the content differs', async () => {
    const first = await frontPage().expect(200);

    t.clock.set('2026-12-03T04:05:00Z'); // past HOT_CACHE_FRESH_SECONDS and the L1 TTL
    await frontPage().expect(200); // the previous value, while one rebuild runs
    await waitForRebuild();
    expect((await frontPage().expect(200)).body.version).toBe(first.body.version);

    // A change that bypassed the announcements (a direct SQL update) shows up at the next expiry.
    await t.db.query(`UPDATE products SET name = 'Renamed' WHERE id = $1`, [catalog.productIds[2]]);
    t.clock.set('2026-12-03T04:10:00Z');
    await frontPage().expect(200);
    await waitForRebuild();
    const changed = await frontPage().expect(200);
    expect(changed.body.version).toBe(first.body.version + 1);
    expect(changed.body.featured[0].name).toBe('Renamed');
  });

  it('serves product details versioned, and 404 for a product that does not exist', async () => {
    const details = await request(t.url).get(`/v1/product-details/${catalog.productIds[0]}`).expect(200);
    expect(details.body).toMatchObject({ id: catalog.productIds[0], name: 'Product 1', priceCents: 1000, onSale: true });
    expect(details.body).not.toHaveProperty('stock');
    await request(t.url).get(`/v1/product-details/${catalog.productIds[0]}`).set('if-none-match', details.headers.etag).expect(304);

    // A product that does not exist is cached as missing too: repeated asks cost PostgreSQL nothing.
    const loads = jest.spyOn(t.app.get(CatalogSnapshotRepository), 'product');
    await request(t.url).get('/v1/product-details/999999').expect(404);
    dropL1();
    await request(t.url).get('/v1/product-details/999999').expect(404);
    expect(loads).toHaveBeenCalledTimes(1);
    await request(t.url).get('/v1/product-details/abc').expect(400);
  });

  it('counts L1 hits, Redis hits and misses in Prometheus text at /metrics', async () => {
    await drainStaticExports(t);
    const counted = async (name: string): Promise<number> => {
      const text = (await request(t.url).get('/metrics').expect(200)).text;
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{resource="front-page"}`));
      return line ? Number(line.split(' ')[1]) : 0;
    };
    const before = { l1: await counted('hot_cache_l1_hits_total'), redis: await counted('hot_cache_redis_hits_total'), misses: await counted('hot_cache_misses_total') };

    await frontPage().expect(200); // miss
    await frontPage().expect(200); // L1
    await frontPage().expect(200); // L1
    dropL1();
    await frontPage().expect(200); // Redis

    const metrics = await request(t.url).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toContain('# TYPE hot_cache_l1_hits_total counter');
    expect(await counted('hot_cache_misses_total')).toBe(before.misses + 1);
    expect(await counted('hot_cache_l1_hits_total')).toBe(before.l1 + 2);
    expect(await counted('hot_cache_redis_hits_total')).toBe(before.redis + 1);
  });

  /** Until the background rebuild has stored a value that is fresh at the test clock's time. */
  async function waitForRebuild(): Promise<void> {
    const store = t.app.get(HotEntryStore);
    await waitUntil(async () => ((await store.get('front-page'))?.freshUntil ?? 0) > t.clock.now().getTime(), 5000);
  }
});

/** A replica keeps serving the front page while it cannot reach Redis (down, or out of connections). */
describe('Front page without Redis', () => {
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestAppThrough({ redis: redisProxy });
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    await seedCatalog(t.db);
    t.clock.set('2026-12-03T04:00:00Z');
  });
  afterAll(async () => {
    await t.close();
    await redisProxy.stop();
  });

  it('answers from L1 while Redis is down, then from PostgreSQL once the L1 copy expires, then recovers', async () => {
    const warm = await request(t.url).get('/v1/front-page').expect(200);
    const loads = jest.spyOn(t.app.get(FrontPageResources).frontPage, 'load');

    await redisProxy.stop();
    const fromL1 = await request(t.url).get('/v1/front-page').expect(200);
    expect(fromL1.text).toBe(warm.text);
    expect(loads).not.toHaveBeenCalled();

    t.clock.set('2026-12-03T04:00:10Z'); // past L1_CACHE_TTL_MS
    const unshared = await request(t.url).get('/v1/front-page').expect(200);
    expect(loads).toHaveBeenCalledTimes(1);
    expect(unshared.body.version).toBe(0);
    expect(unshared.headers.etag).toMatch(/^"front-page\.h[\w-]+"$/);
    await request(t.url).get('/v1/front-page').set('if-none-match', unshared.headers.etag).expect(304);

    await redisProxy.start();
    await waitUntil(async () => (await request(t.url).get('/v1/front-page').expect(200)).body.version === warm.body.version, 5000, 100);
  });
});
