import request from 'supertest';

import { L1Cache } from '@app/hot-cache/l1-cache';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { seedCatalog, SeededCatalog } from '@test/support/hot-data';
import { startTestApp, TestApp } from '@test/support/test-app';

/** The front page and the other client-cached reads: three cache levels, versions, 304s, metrics. */
describe('Front page', () => {
  let t: TestApp;
  let admin: TestUser;
  let catalog: SeededCatalog;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
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
});
