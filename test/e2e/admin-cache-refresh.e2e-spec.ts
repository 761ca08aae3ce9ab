import request from 'supertest';

import { CatalogSnapshotRepository } from '@app/front-page/catalog-snapshot.repository';
import { L1Cache } from '@app/hot-cache/l1-cache';
import { SignInCache } from '@app/sign-in/sign-in-cache';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { drainStaticExports, seedCatalog, SeededCatalog } from '@test/support/hot-data';
import { fireAll } from '@test/support/storm';
import { startTestApp, TestApp } from '@test/support/test-app';

interface RefreshBody {
  scope: string;
  refreshed: string[];
  keys: number;
  staticFiles: number;
  versions: Record<string, number>;
  durationMs: number;
  joined: boolean;
}

/** POST /v1/admin/cache/refresh: admin only, by scope, one run per scope under concurrency. */
describe('Admin cache refresh', () => {
  let t: TestApp;
  let admin: TestUser;
  let user: TestUser;
  let catalog: SeededCatalog;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    await drainStaticExports(t);
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    t.app.get(L1Cache).clear();
    t.clock.set('2026-12-03T04:00:00Z');
    catalog = await seedCatalog(t.db);
    admin = await createUser(t, 'admin');
    user = await createUser(t);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  const refresh = (body: object, who: TestUser | null = admin) => {
    const call = request(t.url).post('/v1/admin/cache/refresh').send(body);
    return who ? call.auth(who.token, { type: 'bearer' }) : call;
  };

  it('refuses callers without a token (401) and non-admins (403), and bodies that do not name a valid scope (400)', async () => {
    expect((await refresh({ scope: 'all' }, null).expect(401)).body.error).toBe('UNAUTHENTICATED');
    expect((await refresh({ scope: 'all' }, user).expect(403)).body.error).toBe('FORBIDDEN');
    await refresh({ scope: 'product' }).expect(400);
    await refresh({ scope: 'front-page', productId: 1 }).expect(400);
    await refresh({ scope: 'everything' }).expect(400);
  });

  it('reloads one product from PostgreSQL with a new version and says what it did', async () => {
    const productId = catalog.productIds[0];
    const path = `/v1/product-details/${productId}`;
    const before = await request(t.url).get(path).expect(200);
    await t.db.query('UPDATE products SET price_cents = 4321 WHERE id = $1', [productId]);
    expect((await request(t.url).get(path).expect(200)).body.priceCents).toBe(1000); // still cached

    const result = (await refresh({ scope: 'product', productId }).expect(200)).body as RefreshBody;

    expect(result).toEqual({
      scope: 'product',
      refreshed: ['front-page', `product:${productId}`],
      keys: 2,
      staticFiles: 2,
      versions: { 'front-page': expect.any(Number), [`product:${productId}`]: before.body.version + 1 },
      durationMs: expect.any(Number),
      joined: false,
    });
    const after = await request(t.url).get(path).set('if-none-match', before.headers.etag).expect(200);
    expect(after.body).toMatchObject({ priceCents: 4321, version: before.body.version + 1 });
  });

  it('runs 10 simultaneous refreshes of the catalog once; every answer reports that one run', async () => {
    const categoryLoads = jest.spyOn(t.app.get(CatalogSnapshotRepository), 'categories');

    const responses = await fireAll(
      t.url,
      Array.from({ length: 10 }, () => ({ method: 'POST' as const, path: '/v1/admin/cache/refresh', token: admin.token, body: { scope: 'catalog' } })),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const bodies = responses.map((response) => response.body as RefreshBody);
    expect(bodies.filter((body) => !body.joined)).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ scope: 'catalog', refreshed: ['category-tree', 'front-page', 'products (3)'], keys: 5 });
    expect(new Set(bodies.map((body) => JSON.stringify({ ...body, joined: undefined }))).size).toBe(1);
    // The category tree and the front page each read the categories once: one run.
    expect(categoryLoads).toHaveBeenCalledTimes(2);
  });

  it('refreshes one user\'s cached data from PostgreSQL', async () => {
    const profile = () => request(t.url).get('/v1/me').auth(user.token, { type: 'bearer' }).expect(200);
    await request(t.url).get('/v1/sign-ins/today').auth(user.token, { type: 'bearer' }).expect(200);
    await profile();
    // Changed behind the caches' backs: the cached "not signed in" and the cached name are now wrong.
    await t.db.query(`INSERT INTO sign_ins (user_id, day, streak, points) VALUES ($1, '2026-12-03', 1, 10)`, [user.id]);
    await t.db.query(`UPDATE users SET display_name = 'Renamed in SQL' WHERE id = $1`, [user.id]);
    expect((await request(t.url).get('/v1/sign-ins/today').auth(user.token, { type: 'bearer' })).body.signedIn).toBe(false);

    const result = (await refresh({ scope: 'user', userId: user.id }).expect(200)).body as RefreshBody;

    expect(result).toMatchObject({
      scope: 'user',
      refreshed: [`user ${user.id}: sign-in today`, `user ${user.id}: profile`, `user ${user.id}: order list page 1`],
      keys: 3,
      staticFiles: 0,
    });
    expect((await profile()).body.displayName).toBe('Renamed in SQL');
    expect((await request(t.url).get('/v1/sign-ins/today').auth(user.token, { type: 'bearer' })).body.signedIn).toBe(true);
    expect(await t.app.get(SignInCache).read(user.id, '2026-12-03')).toMatchObject({ kind: 'signed' });
  });

  it('refreshes everything: every shared resource and product gets a new version', async () => {
    const manifest = (await request(t.url).get('/v1/manifest').expect(200)).body;

    const result = (await refresh({ scope: 'all' }).expect(200)).body as RefreshBody;

    expect(result.refreshed).toEqual(['front-page', 'category-tree', 'app-config', 'products (3)']);
    expect(result.keys).toBe(6);
    expect(result.staticFiles).toBeGreaterThanOrEqual(6);
    const after = (await request(t.url).get('/v1/manifest').expect(200)).body;
    for (const name of ['front-page', 'category-tree', 'app-config']) {
      expect(after.resources[name].version).toBe(manifest.resources[name].version + 1);
    }
  });
});
