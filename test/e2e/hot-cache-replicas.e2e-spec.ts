import request from 'supertest';

import { FrontPageResources } from '@app/front-page/front-page-resources';
import { L1Cache } from '@app/hot-cache/l1-cache';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { drainStaticExports, seedCatalog, waitUntil } from '@test/support/hot-data';
import { fireAll } from '@test/support/storm';
import { startTestApp, TestApp } from '@test/support/test-app';

interface FrontPageBody {
  version: number;
  banners: { title: string }[];
}

/** Two replicas sharing PostgreSQL and Redis: cross-replica invalidation and stampede protection. */
describe('Hot cache across two replicas', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp(), startTestApp()]);
  });
  beforeEach(async () => {
    await Promise.all([drainStaticExports(a), drainStaticExports(b)]);
    await resetDatabase(a.db);
    await resetRedis(a.redis, a.config.redis.keyPrefix);
    for (const app of [a, b]) {
      app.app.get(L1Cache).clear();
      app.clock.set('2026-12-03T04:00:00Z');
    }
    await seedCatalog(a.db);
    admin = await createUser(a, 'admin');
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => Promise.all([a.close(), b.close()]));

  const frontPageOf = async (app: TestApp): Promise<FrontPageBody> =>
    (await request(app.url).get('/v1/front-page').expect(200)).body as FrontPageBody;
  const countLoads = () => [a, b].map((app) => jest.spyOn(app.app.get(FrontPageResources).frontPage, 'load'));
  const storm = (app: TestApp, readers: number) =>
    fireAll(app.url, Array.from({ length: readers }, () => ({ method: 'GET' as const, path: '/v1/front-page' })));
  const totalCalls = (spies: jest.SpyInstance[]) => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);

  it('case C04: A holds the front page in L1, a change goes through B, A serves the new value within a second', async () => {
    const before = await frontPageOf(a);
    const sent = jest.spyOn(a.redis, 'sendCommand');
    await frontPageOf(a);
    expect(sent).not.toHaveBeenCalled(); // A answers from its L1

    await request(b.url)
      .post('/v1/admin/banners')
      .auth(admin.token, { type: 'bearer' })
      .send({ title: 'Changed through B', imageUrl: 'https://cdn.example/b.png' })
      .expect(201);

    const tookMs = await waitUntil(async () => (await frontPageOf(a)).banners.length === 1, 1000);
    const after = await frontPageOf(a);
    expect(after.version).toBe(before.version + 1);
    expect(after.banners[0].title).toBe('Changed through B');
    expect(tookMs).toBeLessThan(1000);
  });

  it('drops L1 copies of a refreshed product on the other replica too', async () => {
    const [{ id }] = await a.db.query('SELECT id FROM products ORDER BY id LIMIT 1');
    const path = `/v1/product-details/${id}`;
    const old = await request(a.url).get(path).expect(200);
    await a.db.query(`UPDATE products SET price_cents = 1 WHERE id = $1`, [id]);
    expect((await request(a.url).get(path).expect(200)).body.priceCents).toBe(old.body.priceCents); // cached

    await request(b.url).post('/v1/admin/cache/refresh').auth(admin.token, { type: 'bearer' }).send({ scope: 'product', productId: id }).expect(200);

    await waitUntil(async () => (await request(a.url).get(path).expect(200)).body.priceCents === 1, 1000);
  });

  it('500 concurrent readers at expiry: one rebuild from PostgreSQL, the others served the previous value', async () => {
    const previous = await frontPageOf(a);
    await frontPageOf(b);
    // A change that no one announced: only the rebuild at expiry can pick it up.
    await a.db.query(`UPDATE products SET name = 'Renamed'`);
    const loads = countLoads();

    for (const app of [a, b]) app.clock.set('2026-12-03T04:05:00Z'); // L1 and the shared value expired
    const [fromA, fromB] = await Promise.all([storm(a, 250), storm(b, 250)]);
    const all = [...fromA, ...fromB];

    expect(all.filter((response) => response.status !== 200)).toEqual([]);
    const versions = new Set(all.map((response) => (response.body as FrontPageBody).version));
    expect([...versions].every((version) => version === previous.version || version === previous.version + 1)).toBe(true);
    expect(versions.has(previous.version)).toBe(true); // readers did not wait for the rebuild
    await waitUntil(async () => (await frontPageOf(a)).version === previous.version + 1, 2000);
    await waitUntil(async () => (await frontPageOf(b)).version === previous.version + 1, 2000);
    expect(totalCalls(loads)).toBe(1);
  });

  it('500 concurrent readers with nothing cached anywhere: PostgreSQL is asked once, the others wait for it', async () => {
    const loads = countLoads();

    const [fromA, fromB] = await Promise.all([storm(a, 250), storm(b, 250)]);
    const all = [...fromA, ...fromB];

    expect(all.filter((response) => response.status !== 200)).toEqual([]);
    expect(new Set(all.map((response) => (response.body as FrontPageBody).version)).size).toBe(1);
    expect(totalCalls(loads)).toBe(1);
  });

  it('runs simultaneous refreshes of one scope sent to both replicas once', async () => {
    const loads = countLoads();
    const refresh = (app: TestApp) =>
      fireAll(
        app.url,
        Array.from({ length: 5 }, () => ({
          method: 'POST' as const,
          path: '/v1/admin/cache/refresh',
          token: admin.token,
          body: { scope: 'front-page' },
        })),
      );

    const [fromA, fromB] = await Promise.all([refresh(a), refresh(b)]);
    const bodies = [...fromA, ...fromB].map((response) => response.body as { joined: boolean; versions: object });

    expect([...fromA, ...fromB].map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(bodies.filter((body) => !body.joined)).toHaveLength(1);
    expect(new Set(bodies.map((body) => JSON.stringify(body.versions))).size).toBe(1);
    expect(totalCalls(loads)).toBe(1);
  });
});
