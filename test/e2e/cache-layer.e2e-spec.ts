import { Logger } from '@nestjs/common';
import request from 'supertest';

import { ReadThroughCache } from '@app/cache/read-through-cache';
import { PRODUCT_CACHE } from '@app/catalog/catalog-cache-policies';
import { createProduct, createProducts } from '@test/support/catalog-factories';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, createUsers } from '@test/support/factories';
import { countQueries } from '@test/support/query-counter';
import { fireAll } from '@test/support/storm';
import { TcpProxy } from '@test/support/tcp-proxy';
import { startTestApp, startTestAppThrough, TestApp } from '@test/support/test-app';

const PRODUCT_LOAD = /FROM products WHERE id = \$1/;
const FIRST_PAGE_LOAD = /FROM orders o WHERE o.user_id = \$1 ORDER BY/;

/** The shared cache layer (src/cache) as the domain modules use it, against the real Redis and PostgreSQL. */
describe('Cache layer', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    // Two replicas of the app sharing PostgreSQL and Redis.
    a = await startTestApp();
    b = await startTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(a.db);
    await resetRedis(a.redis, a.config.redis.keyPrefix);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('case C03: 200 simultaneous reads of a cold product all succeed and load it from PostgreSQL about once', async () => {
    const product = await createProduct(a);

    const queries = countQueries();
    let responses;
    try {
      responses = await whileTableLocked(a, 'products', () =>
        fireAll(a.url, Array.from({ length: 200 }, () => ({ method: 'GET' as const, path: `/v1/products/${product.id}` }))),
      );
    } finally {
      queries.stop();
    }

    expect(responses.map((response) => response.status)).toEqual(Array(200).fill(200));
    expect(queries.count(PRODUCT_LOAD)).toBeGreaterThanOrEqual(1);
    expect(queries.count(PRODUCT_LOAD)).toBeLessThanOrEqual(3);
  });

  it('case C03: a deleted hot key read by 100 requests on two replicas at once reaches PostgreSQL about once', async () => {
    const product = await createProduct(a);
    await request(a.url).get(`/v1/products/${product.id}`).expect(200);
    await a.redis.del(a.app.get(ReadThroughCache).redisKey(PRODUCT_CACHE, product.id));

    const queries = countQueries();
    let responses;
    try {
      const requests = Array.from({ length: 50 }, () => ({ method: 'GET' as const, path: `/v1/products/${product.id}` }));
      responses = await whileTableLocked(a, 'products', async () =>
        (await Promise.all([fireAll(a.url, requests), fireAll(b.url, requests)])).flat(),
      );
    } finally {
      queries.stop();
    }

    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200));
    // Single flight alone would give one load per replica; the Redis fill lock makes it one in all.
    expect(queries.count(PRODUCT_LOAD)).toBe(1);
  });

  it("case C03: 100 simultaneous reads of a user's cold order page 1 load it about once", async () => {
    const user = await createUser(a);
    await a.db.query('INSERT INTO orders (user_id, total_cents) SELECT $1, 100 FROM generate_series(1, 3)', [user.id]);
    const responses = await (async () => {
      const queries = countQueries();
      try {
        const result = await whileTableLocked(a, 'orders', () =>
          fireAll(a.url, Array.from({ length: 100 }, () => ({ method: 'GET' as const, path: '/v1/orders', token: user.token }))),
        );
        expect(queries.count(FIRST_PAGE_LOAD)).toBeLessThanOrEqual(3);
        return result;
      } finally {
        queries.stop();
      }
    })();

    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200));
  });

  it('case C01: 50 users reading their profile and order page 1 at once, cold and warm, each get only their own', async () => {
    const users = await createUsers(a, 50);
    await a.db.query(
      `INSERT INTO orders (user_id, total_cents) SELECT id, id * 100 FROM users WHERE id = ANY($1::bigint[])`,
      [users.map((user) => user.id)],
    );
    const requests = users.flatMap((user) => [
      { method: 'GET' as const, path: '/v1/me', token: user.token },
      { method: 'GET' as const, path: '/v1/orders', token: user.token },
    ]);

    for (const round of ['cold', 'warm']) {
      const responses = await fireAll(round === 'cold' ? a.url : b.url, requests);

      users.forEach((user, index) => {
        const profile = responses[2 * index].body as { id: number; email: string };
        const orders = responses[2 * index + 1].body as { items: { totalCents: number }[] };
        expect(profile).toMatchObject({ id: user.id, email: user.email });
        expect(orders.items.map((order) => order.totalCents)).toEqual([user.id * 100]);
      });
    }
  });

  it('spreads the expiry of keys filled together (avalanche), never beyond the policy lifetime', async () => {
    const products = await createProducts(a, 30);
    for (const product of products) await request(a.url).get(`/v1/products/${product.id}`).expect(200);

    const cache = a.app.get(ReadThroughCache);
    const ttls = await Promise.all(products.map((product) => a.redis.pttl(cache.redisKey(PRODUCT_CACHE, product.id))));

    const lifetimeMs = a.config.catalog.productTtlSeconds * 1000;
    expect(Math.max(...ttls)).toBeLessThanOrEqual(lifetimeMs);
    expect(Math.min(...ttls)).toBeGreaterThanOrEqual(lifetimeMs * (1 - a.config.cache.ttlJitterRatio) - 5000);
    // 30 keys filled within a second or two, yet their expiries spread over many seconds.
    expect(Math.max(...ttls) - Math.min(...ttls)).toBeGreaterThan(5000);
  });

  it('case C04: a profile changed through replica B is read back new through replica A at once', async () => {
    const user = await createUser(a);
    await request(a.url).get('/v1/me').auth(user.token, { type: 'bearer' }).expect(200);

    await request(b.url).patch('/v1/me').auth(user.token, { type: 'bearer' }).send({ displayName: 'Changed on B' }).expect(200);
    const readOnA = await request(a.url).get('/v1/me').auth(user.token, { type: 'bearer' }).expect(200);

    expect(readOnA.body.displayName).toBe('Changed on B');
  });

  it('shows a product\'s new stock after an order on another replica', async () => {
    const user = await createUser(a);
    const product = await createProduct(a, { stock: 5 });
    await request(a.url).get(`/v1/products/${product.id}`).expect(200);

    await request(b.url).post('/v1/orders').auth(user.token, { type: 'bearer' })
      .send({ lines: [{ productId: product.id, quantity: 2 }] }).expect(201);

    expect((await request(a.url).get(`/v1/products/${product.id}`).expect(200)).body.stock).toBe(3);
  });

  it('exposes its counters at GET /metrics in Prometheus text format', async () => {
    const product = await createProduct(a);
    await request(a.url).get(`/v1/products/${product.id}`).expect(200);
    await request(a.url).get(`/v1/products/${product.id}`).expect(200);

    const metrics = await request(a.url).get('/metrics').expect(200);

    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/cache_reads_total\{cache="product",outcome="hit"\} [1-9]/);
    expect(metrics.text).toMatch(/cache_loads_total\{cache="product"\} [1-9]/);
  });
});

/** Each dependency behind a loopback proxy, so this app instance alone loses it. */
describe('Cache layer during outages', () => {
  const postgresProxy = new TcpProxy('127.0.0.1', 5432);
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestAppThrough({ database: postgresProxy, redis: redisProxy });
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
  });
  afterAll(async () => {
    await t.close();
    await postgresProxy.stop();
    await redisProxy.stop();
  });

  it('answers from PostgreSQL while Redis is down, with a log line and a metric, not a 500', async () => {
    const user = await createUser(t);
    const product = await createProduct(t, { stock: 3 });
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    await redisProxy.stop();
    try {
      const auth = { type: 'bearer' } as const;
      expect((await request(t.url).get(`/v1/products/${product.id}`).expect(200)).body.stock).toBe(3);
      await request(t.url).get('/v1/me').auth(user.token, auth).expect(200);
      await request(t.url).post('/v1/orders').auth(user.token, auth)
        .send({ lines: [{ productId: product.id, quantity: 1 }] }).expect(201);
      expect((await request(t.url).get('/v1/orders').auth(user.token, auth).expect(200)).body.items).toHaveLength(1);
      expect((await request(t.url).get(`/v1/products/${product.id}`).expect(200)).body.stock).toBe(2);

      const metrics = await request(t.url).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/cache_redis_errors_total\{operation="[a-z]+"\} [1-9]/);
      expect(warnings.mock.calls.some(([message]) => String(message).includes('fall through to PostgreSQL'))).toBe(true);
    } finally {
      warnings.mockRestore();
      await redisProxy.start();
    }
    await expectEventually(async () => (await request(t.url).get('/health/ready')).status === 200);
  });

  it('repeats an invalidation that Redis missed once it is back, so no pre-outage value is served', async () => {
    const user = await createUser(t);
    const auth = { type: 'bearer' } as const;
    await request(t.url).get('/v1/me').auth(user.token, auth).expect(200);
    await redisProxy.stop();
    try {
      await request(t.url).patch('/v1/me').auth(user.token, auth).send({ displayName: 'Changed during outage' }).expect(200);
    } finally {
      await redisProxy.start();
    }
    await expectEventually(async () => (await request(t.url).get('/health/ready')).status === 200);

    const profile = await request(t.url).get('/v1/me').auth(user.token, auth).expect(200);

    expect(profile.body.displayName).toBe('Changed during outage');
  });

  it('caches only successes: a load that failed while PostgreSQL was down is retried, not remembered', async () => {
    const product = await createProduct(t);
    const key = t.app.get(ReadThroughCache).redisKey(PRODUCT_CACHE, product.id);
    await postgresProxy.stop();
    try {
      expect((await request(t.url).get(`/v1/products/${product.id}`)).status).toBe(503);
      expect(await t.redis.exists(key)).toBe(0);
    } finally {
      await postgresProxy.start();
    }

    await expectEventually(async () => (await request(t.url).get(`/v1/products/${product.id}`)).status === 200);
    expect(await t.redis.exists(key)).toBe(1);
  });
});

/**
 * Holds an exclusive lock on a table for a while, so every load that reaches PostgreSQL meanwhile
 * waits: a slow database under a burst, which makes the storm's requests really overlap.
 */
async function whileTableLocked<T>(t: TestApp, table: string, work: () => Promise<T>): Promise<T> {
  const runner = t.db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  try {
    const running = work();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await runner.commitTransaction();
    return await running;
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
