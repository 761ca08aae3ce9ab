import request from 'supertest';

import { ReadThroughCache } from '@app/cache/read-through-cache';
import { ORDER_FIRST_PAGE_CACHE } from '@app/orders/order-list-cache';
import { createProduct, stockOf, TestProduct } from '@test/support/catalog-factories';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { countQueries } from '@test/support/query-counter';
import { fireAll } from '@test/support/storm';
import { startTestApp, TestApp } from '@test/support/test-app';

describe('Orders', () => {
  let t: TestApp;
  let user: TestUser;
  let product: TestProduct;

  beforeAll(async () => {
    // The api role: no workers or pump, so every query counted below comes from a request.
    t = await startTestApp({ APP_ROLE: 'api' });
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    user = await createUser(t);
    product = await createProduct(t, { stock: 10, priceCents: 1250 });
  });
  afterAll(() => t.close());

  const place = (lines: unknown, who: TestUser = user, idempotencyKey?: string) => {
    const call = request(t.url).post('/v1/orders').auth(who.token, { type: 'bearer' }).send({ lines });
    return idempotencyKey ? call.set('Idempotency-Key', idempotencyKey) : call;
  };
  const list = (query = '', who: TestUser = user) =>
    request(t.url).get(`/v1/orders${query}`).auth(who.token, { type: 'bearer' });
  const act = (orderId: number, action: 'pay' | 'cancel', who: TestUser = user) =>
    request(t.url).post(`/v1/orders/${orderId}/${action}`).auth(who.token, { type: 'bearer' });
  const orderCount = async (): Promise<number> =>
    (await t.db.query('SELECT count(*)::int AS n FROM orders'))[0].n;

  describe('placing', () => {
    it('writes the order and its lines, takes the stock and totals in integer cents', async () => {
      const other = await createProduct(t, { stock: 5, priceCents: 99 });

      const response = await place([
        { productId: product.id, quantity: 3 },
        { productId: other.id, quantity: 2 },
      ]).expect(201);

      expect(response.body).toEqual({
        id: expect.any(Number),
        status: 'created',
        source: 'checkout',
        totalCents: 3 * 1250 + 2 * 99,
        lines: expect.arrayContaining([
          { productId: product.id, quantity: 3, unitPriceCents: 1250 },
          { productId: other.id, quantity: 2, unitPriceCents: 99 },
        ]),
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
        paidAt: null,
        cancelledAt: null,
      });
      expect(await stockOf(t, product.id)).toBe(7);
      expect(await stockOf(t, other.id)).toBe(3);
      const [stored] = await t.db.query('SELECT total_cents, user_id FROM orders WHERE id = $1', [response.body.id]);
      expect(stored).toEqual({ total_cents: 3948, user_id: user.id });
    });

    it('adds up the same product given twice into one line', async () => {
      const response = await place([
        { productId: product.id, quantity: 2 },
        { productId: product.id, quantity: 3 },
      ]).expect(201);

      expect(response.body.lines).toEqual([{ productId: product.id, quantity: 5, unitPriceCents: 1250 }]);
      expect(await stockOf(t, product.id)).toBe(5);
    });

    it('refuses more than the stock with 409 and writes nothing', async () => {
      const response = await place([{ productId: product.id, quantity: 11 }]).expect(409);

      expect(response.body).toMatchObject({ error: 'OUT_OF_STOCK', details: { productId: product.id, available: 10 } });
      expect(await stockOf(t, product.id)).toBe(10);
      expect(await orderCount()).toBe(0);
    });

    it('rolls back every line when a later one fails', async () => {
      const scarce = await createProduct(t, { stock: 1 });

      await place([
        { productId: product.id, quantity: 4 },
        { productId: scarce.id, quantity: 2 },
      ]).expect(409);

      expect(await stockOf(t, product.id)).toBe(10);
      expect(await stockOf(t, scarce.id)).toBe(1);
      expect(await orderCount()).toBe(0);
    });

    it('answers 404 for an unknown product and 409 for one not on sale, writing nothing', async () => {
      const hidden = await createProduct(t, { onSale: false });

      expect((await place([{ productId: 987654, quantity: 1 }]).expect(404)).body.error).toBe('PRODUCT_NOT_FOUND');
      expect((await place([{ productId: hidden.id, quantity: 1 }]).expect(409)).body.error).toBe('PRODUCT_NOT_ON_SALE');
      expect(await orderCount()).toBe(0);
    });

    it.each([
      ['a negative quantity', [{ productId: 1, quantity: -1 }]],
      ['a zero quantity', [{ productId: 1, quantity: 0 }]],
      ['a fractional quantity', [{ productId: 1, quantity: 1.5 }]],
      ['a quantity as a string', [{ productId: 1, quantity: '2' }]],
      ['an absurd quantity', [{ productId: 1, quantity: 1_000_000 }]],
      ['no lines', []],
      ['too many lines', Array.from({ length: 21 }, (_, i) => ({ productId: i + 1, quantity: 1 }))],
      ['an unknown field', [{ productId: 1, quantity: 1, priceCents: 1 }]],
      ['a negative product id', [{ productId: -5, quantity: 1 }]],
    ])('refuses %s with 400 and writes nothing', async (_name, lines) => {
      const withRealProduct = (lines as { productId: number }[]).map((line) =>
        line.productId === 1 ? { ...line, productId: product.id } : line,
      );

      const response = await place(withRealProduct).expect(400);

      expect(response.body.error).toBe('VALIDATION_FAILED');
      expect(await orderCount()).toBe(0);
      expect(await stockOf(t, product.id)).toBe(10);
    });

    it('refuses a malformed Idempotency-Key with 400', async () => {
      await place([{ productId: product.id, quantity: 1 }], user, 'has spaces in it').expect(400);
      expect(await orderCount()).toBe(0);
    });
  });

  describe('idempotent retries', () => {
    it('answers a retry with the same Idempotency-Key with the first order, taking stock once', async () => {
      const first = await place([{ productId: product.id, quantity: 2 }], user, 'key-1').expect(201);
      const retry = await place([{ productId: product.id, quantity: 2 }], user, 'key-1').expect(200);

      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await orderCount()).toBe(1);
      expect(await stockOf(t, product.id)).toBe(8);
    });

    it('creates one order for 10 simultaneous requests with the same key', async () => {
      const responses = await fireAll(
        t.url,
        Array.from({ length: 10 }, () => ({
          method: 'POST' as const,
          path: '/v1/orders',
          token: user.token,
          body: { lines: [{ productId: product.id, quantity: 1 }] },
          headers: { 'idempotency-key': 'same-key' },
        })),
      );

      expect(responses.filter((response) => response.status >= 300)).toEqual([]);
      expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
      expect(new Set(responses.map((response) => (response.body as { id: number }).id)).size).toBe(1);
      expect(await orderCount()).toBe(1);
      expect(await stockOf(t, product.id)).toBe(9);
    });

    it('refuses the same key for a different basket with 422', async () => {
      await place([{ productId: product.id, quantity: 1 }], user, 'key-2').expect(201);

      const response = await place([{ productId: product.id, quantity: 2 }], user, 'key-2').expect(422);

      expect(response.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await stockOf(t, product.id)).toBe(9);
    });

    it('keeps keys per user: another user may use the same key', async () => {
      const other = await createUser(t);
      await place([{ productId: product.id, quantity: 1 }], user, 'shared-key').expect(201);
      await place([{ productId: product.id, quantity: 1 }], other, 'shared-key').expect(201);

      expect(await orderCount()).toBe(2);
    });

    it('lets a retry through after the first attempt failed (nothing was stored under the key)', async () => {
      await place([{ productId: product.id, quantity: 50 }], user, 'key-3').expect(409);
      await t.db.query('UPDATE products SET stock = 100 WHERE id = $1', [product.id]);

      await place([{ productId: product.id, quantity: 50 }], user, 'key-3').expect(201);
    });
  });

  describe('paying and cancelling', () => {
    it('pays an order once; paying again answers it unchanged; a paid order cannot be cancelled', async () => {
      const order = (await place([{ productId: product.id, quantity: 1 }]).expect(201)).body;

      const paid = await act(order.id, 'pay').expect(200);
      const again = await act(order.id, 'pay').expect(200);
      const cancel = await act(order.id, 'cancel').expect(409);

      expect(paid.body).toMatchObject({ status: 'paid', paidAt: expect.any(String), cancelledAt: null });
      expect(again.body).toEqual(paid.body);
      expect(cancel.body.error).toBe('ORDER_NOT_CANCELLABLE');
      expect(await stockOf(t, product.id)).toBe(9);
    });

    it('cancels an unpaid order and returns its stock, once', async () => {
      const order = (await place([{ productId: product.id, quantity: 4 }]).expect(201)).body;
      expect(await stockOf(t, product.id)).toBe(6);

      const cancelled = await act(order.id, 'cancel').expect(200);
      await act(order.id, 'cancel').expect(200);
      const pay = await act(order.id, 'pay').expect(409);

      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String), paidAt: null });
      expect(pay.body.error).toBe('ORDER_NOT_PAYABLE');
      expect(await stockOf(t, product.id)).toBe(10);
    });

    it('lets exactly one of simultaneous pay and cancel requests win', async () => {
      const order = (await place([{ productId: product.id, quantity: 2 }]).expect(201)).body;

      const responses = await fireAll(
        t.url,
        Array.from({ length: 10 }, (_, i) => ({
          method: 'POST' as const,
          path: `/v1/orders/${order.id}/${i % 2 === 0 ? 'pay' : 'cancel'}`,
          token: user.token,
        })),
      );

      expect(responses.filter((response) => response.status >= 500)).toEqual([]);
      const [stored] = await t.db.query('SELECT status FROM orders WHERE id = $1', [order.id]);
      expect(await stockOf(t, product.id)).toBe(stored.status === 'cancelled' ? 10 : 8);
      const winners = responses.filter((response) => response.status === 200);
      expect(winners.every((response) => (response.body as { status: string }).status === stored.status)).toBe(true);
    });

    it('refuses to cancel a flash-sale order, whose unit only the sale can take back', async () => {
      const [{ id }] = await t.db.query(
        `INSERT INTO orders (user_id, status, source, total_cents, ticket_id)
         VALUES ($1, 'created', 'flash_sale', 990, gen_random_uuid()) RETURNING id`,
        [user.id],
      );

      const response = await act(id, 'cancel').expect(409);

      expect(response.body.error).toBe('FLASH_SALE_ORDER_NOT_CANCELLABLE');
      const [{ status }] = await t.db.query('SELECT status FROM orders WHERE id = $1', [id]);
      expect(status).toBe('created');
      expect(await stockOf(t, product.id)).toBe(10);
    });

    it("answers 404 for someone else's order on read, pay and cancel, and changes nothing", async () => {
      const stranger = await createUser(t);
      const order = (await place([{ productId: product.id, quantity: 1 }]).expect(201)).body;

      for (const call of [
        request(t.url).get(`/v1/orders/${order.id}`).auth(stranger.token, { type: 'bearer' }),
        act(order.id, 'pay', stranger),
        act(order.id, 'cancel', stranger),
      ]) {
        expect((await call.expect(404)).body.error).toBe('ORDER_NOT_FOUND');
      }
      const [stored] = await t.db.query('SELECT status FROM orders WHERE id = $1', [order.id]);
      expect(stored.status).toBe('created');
      expect(await stockOf(t, product.id)).toBe(9);
    });

    it('refuses a non-numeric order id with 400', async () => {
      await act('abc' as unknown as number, 'pay').expect(400);
    });
  });

  describe('the order list', () => {
    /** Orders straight into PostgreSQL with chosen creation instants (seconds after a base). */
    async function insertOrders(who: TestUser, createdAt: string[]): Promise<number[]> {
      const rows: { id: number }[] = await t.db.query(
        `INSERT INTO orders (user_id, total_cents, created_at)
         SELECT $1, 100 * n, ts FROM unnest($2::timestamptz[]) WITH ORDINALITY AS o(ts, n)
         RETURNING id`,
        [who.id, createdAt],
      );
      return rows.map((row) => row.id);
    }
    const seconds = (count: number, from = 0) =>
      Array.from({ length: count }, (_, i) => new Date(Date.UTC(2026, 11, 1, 0, 0, from + i)).toISOString());

    it('serves page 1 from Redis once warm: no query reaches PostgreSQL', async () => {
      await insertOrders(user, seconds(45));
      const cold = await list().expect(200);

      const queries = countQueries();
      let warm;
      try {
        warm = await list().expect(200);
        await list('?page=1&pageSize=20').expect(200);
        await list('?page=2&pageSize=20').expect(200);
        expect(queries.count()).toBe(0);
      } finally {
        queries.stop();
      }

      expect(warm.body).toEqual(cold.body);
      expect(cold.body.items).toHaveLength(40);
      expect(cold.body).toMatchObject({ page: 1, pageSize: 40, hasMore: true, nextCursor: expect.any(String) });
      expect(await t.redis.exists(t.app.get(ReadThroughCache).redisKey(ORDER_FIRST_PAGE_CACHE, user.id))).toBe(1);
    });

    it('reads pages past the first 40 from PostgreSQL', async () => {
      await insertOrders(user, seconds(45));
      await list().expect(200);

      const queries = countQueries();
      let page2;
      try {
        page2 = await list('?page=2&pageSize=40').expect(200);
        expect(queries.count(/FROM orders o/)).toBe(1);
      } finally {
        queries.stop();
      }
      expect(page2.body.items).toHaveLength(5);
      expect(page2.body.hasMore).toBe(false);
    });

    it('shows a new, paid or cancelled order on page 1 right after the write', async () => {
      await insertOrders(user, seconds(3));
      expect((await list().expect(200)).body.items).toHaveLength(3);

      const placed = (await place([{ productId: product.id, quantity: 1 }]).expect(201)).body;
      const afterCreate = (await list().expect(200)).body;
      expect(afterCreate.items).toHaveLength(4);
      expect(afterCreate.items[0]).toEqual(placed);

      await act(placed.id, 'pay').expect(200);
      expect((await list().expect(200)).body.items[0].status).toBe('paid');

      const second = (await place([{ productId: product.id, quantity: 1 }]).expect(201)).body;
      await list().expect(200);
      await act(second.id, 'cancel').expect(200);
      expect((await list().expect(200)).body.items[0]).toMatchObject({ id: second.id, status: 'cancelled' });
    });

    it('case C12: keyset pages miss nothing and repeat nothing while new orders arrive', async () => {
      const sameInstant = Array(10).fill('2026-12-01T00:00:30.000000Z');
      const ids = await insertOrders(user, [...seconds(8), ...sameInstant, ...seconds(7, 60)]);
      expect(ids).toHaveLength(25);

      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?pageSize=7&cursor=${cursor}` : '?pageSize=7';
        const page = (await list(query).expect(200)).body;
        seen.push(...page.items.map((order: { id: number }) => order.id));
        cursor = page.nextCursor;
        pages++;
        // A new order lands on top between page requests.
        await place([{ productId: product.id, quantity: 1 }]).expect(201);
      } while (cursor && pages < 10);

      expect(new Set(seen).size).toBe(seen.length);
      expect(ids.every((id) => seen.includes(id))).toBe(true);
    });

    it('orders newest first with the id as tie-breaker', async () => {
      const ids = await insertOrders(user, Array(5).fill('2026-12-01T00:00:00Z'));

      const items = (await list().expect(200)).body.items.map((order: { id: number }) => order.id);

      expect(items).toEqual([...ids].reverse());
    });

    it('case C13: an order total has the same type and value from PostgreSQL and from the cache', async () => {
      await place([{ productId: product.id, quantity: 3 }]).expect(201);

      const fresh = (await list().expect(200)).body.items[0];
      const cached = (await list().expect(200)).body.items[0];

      expect(typeof fresh.totalCents).toBe('number');
      expect(cached.totalCents).toBe(fresh.totalCents);
      expect(cached.totalCents).toBe(3750);
      expect(cached.lines[0].unitPriceCents).toBe(1250);
    });

    it('case C01: page 1 is per user; user B never gets user A\'s cached orders', async () => {
      const other = await createUser(t);
      await insertOrders(user, seconds(3));
      await insertOrders(other, seconds(1));

      const mine = (await list().expect(200)).body;
      const theirs = (await list('', other).expect(200)).body;

      expect(mine.items).toHaveLength(3);
      expect(theirs.items).toHaveLength(1);
      const [{ ids }] = await t.db.query('SELECT array_agg(id)::int[] AS ids FROM orders WHERE user_id = $1', [other.id]);
      expect(theirs.items.map((order: { id: number }) => order.id)).toEqual(ids);
    });

    it.each([
      ['?pageSize=1000'],
      ['?pageSize=0'],
      ['?page=0'],
      ['?page=-1'],
      ['?page=abc'],
      ['?cursor=garbage'],
      ['?page=2&cursor=abc'],
      ['?limit=5'],
    ])('refuses %s with 400', async (query) => {
      const response = await list(query).expect(400);

      expect(response.body.error).toBe('VALIDATION_FAILED');
    });
  });
});
