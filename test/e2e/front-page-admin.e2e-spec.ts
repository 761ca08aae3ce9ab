import request from 'supertest';

import { HotDataChanges } from '@app/admin-cache/hot-data-changes';
import { L1Cache } from '@app/hot-cache/l1-cache';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { drainStaticExports, seedCatalog, SeededCatalog } from '@test/support/hot-data';
import { startTestApp, TestApp } from '@test/support/test-app';

/** Admin edits of the front page and the change announcements other modules call. */
describe('Front page administration', () => {
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
    t.app.get(L1Cache).clear();
    catalog = await seedCatalog(t.db);
    admin = await createUser(t, 'admin');
  });
  afterAll(() => t.close());

  const asAdmin = (method: 'post' | 'patch' | 'delete' | 'put', path: string) =>
    request(t.url)[method](path).auth(admin.token, { type: 'bearer' });
  const frontPage = async () => (await request(t.url).get('/v1/front-page').expect(200)).body;

  it('shows the featured pick in its order, refuses unknown products, and falls back to the newest when emptied', async () => {
    const [first, second] = catalog.productIds;
    expect((await frontPage()).featured.map((product: { id: number }) => product.id)).toEqual([...catalog.productIds].reverse());

    await asAdmin('put', '/v1/admin/featured-products').send({ productIds: [first, second] }).expect(204);
    expect((await frontPage()).featured.map((product: { id: number }) => product.id)).toEqual([first, second]);

    const refused = await asAdmin('put', '/v1/admin/featured-products').send({ productIds: [first, 999999] }).expect(400);
    expect(refused.body.details).toEqual([{ path: 'productIds', message: 'no product 999999' }]);
    expect((await frontPage()).featured.map((product: { id: number }) => product.id)).toEqual([first, second]);

    await asAdmin('put', '/v1/admin/featured-products').send({ productIds: [] }).expect(204);
    expect((await frontPage()).featured).toHaveLength(3);
  });

  it('updates and deletes banners, each change visible on the next read', async () => {
    const banner = (await asAdmin('post', '/v1/admin/banners').send({ title: 'A', imageUrl: 'https://cdn.example/a.png' }).expect(201)).body;
    expect((await frontPage()).banners.map((shown: { title: string }) => shown.title)).toEqual(['A']);

    await asAdmin('patch', `/v1/admin/banners/${banner.id}`).send({ title: 'B' }).expect(200);
    expect((await frontPage()).banners.map((shown: { title: string }) => shown.title)).toEqual(['B']);
    await asAdmin('patch', `/v1/admin/banners/${banner.id}`).send({ active: false }).expect(200);
    expect((await frontPage()).banners).toEqual([]);

    await asAdmin('delete', `/v1/admin/banners/${banner.id}`).expect(204);
    await asAdmin('delete', `/v1/admin/banners/${banner.id}`).expect(404);
    await asAdmin('patch', '/v1/admin/banners/999999').send({ title: 'C' }).expect(404);
    await asAdmin('post', '/v1/admin/banners').send({ title: 'No image' }).expect(400);
  });

  it('lets another module announce a product change: details and front page get new versions at once', async () => {
    const productId = catalog.productIds[2];
    const details = await request(t.url).get(`/v1/product-details/${productId}`).expect(200);
    const before = await frontPage();
    await t.db.query(`UPDATE products SET name = 'Announced' WHERE id = $1`, [productId]);

    await t.app.get(HotDataChanges).productChanged(productId);

    const after = await request(t.url).get(`/v1/product-details/${productId}`).set('if-none-match', details.headers.etag).expect(200);
    expect(after.body).toMatchObject({ name: 'Announced', version: details.body.version + 1 });
    expect((await frontPage()).version).toBe(before.version + 1);
  });

  it('lets another module announce a category change', async () => {
    const before = (await request(t.url).get('/v1/category-tree').expect(200)).body;
    await t.db.query(`UPDATE categories SET name = 'Mobiles' WHERE slug = 'phones'`);

    await t.app.get(HotDataChanges).categoriesChanged();

    const after = (await request(t.url).get('/v1/category-tree').expect(200)).body;
    expect(after.version).toBe(before.version + 1);
    expect(after.categories[0].name).toBe('Mobiles');
    expect((await frontPage()).categories[0].name).toBe('Mobiles');
  });
});
