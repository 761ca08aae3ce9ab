import { JwtService } from '@nestjs/jwt';

import { fireAll } from '@test/support/storm';

import { Cluster, connectCluster, shuffle } from './cluster-support';

const STOCK = 500;
const KILLED_API = 3;
const KILLED_WORKER = 1;

/**
 * The flash-sale invariant across replicas: attempts spread by nginx over 3 API replicas (one
 * killed mid-storm), orders written by 2 workers (one killed mid-drain). No oversell, one order
 * per accepted ticket, at most the per-user limit per user.
 */
describe('A flash-sale storm through nginx, with an API replica and a worker killed', () => {
  let cluster: Cluster;

  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(async () => {
    await cluster.startApi(KILLED_API);
    await cluster.startWorker(KILLED_WORKER);
    await cluster.close();
  });

  async function publishSale(): Promise<number> {
    const { rows: admins } = await cluster.primary.query<{ id: number }>(
      `INSERT INTO users (email, password_hash, role, display_name)
       VALUES ('admin-' || gen_random_uuid() || '@test.local', 'unusable', 'admin', 'Admin') RETURNING id`,
    );
    const admin = new JwtService({ secret: process.env.JWT_SECRET ?? '' }).sign({ sub: String(admins[0].id), role: 'admin' });
    const { rows: products } = await cluster.primary.query<{ id: number }>(
      `WITH category AS (INSERT INTO categories (name, slug) VALUES ('Sale', 'sale-' || gen_random_uuid()) RETURNING id)
       INSERT INTO products (category_id, name, price_cents, stock) SELECT id, 'Sale item', 19900, $1 FROM category RETURNING id`,
      [STOCK],
    );
    const [created] = await fireAll(cluster.url, [
      {
        method: 'POST',
        path: '/v1/admin/flash-sales',
        token: admin,
        body: {
          productId: Number(products[0].id),
          priceCents: 990,
          stock: STOCK,
          perUserLimit: 1,
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3600_000).toISOString(),
        },
      },
    ]);
    const saleId = (created.body as { id: number }).id;
    const [published] = await fireAll(cluster.url, [{ method: 'POST', path: `/v1/admin/flash-sales/${saleId}/publish`, token: admin }]);
    expect(published.status).toBe(200);

    return saleId;
  }

  it('sells exactly the stock, one order per accepted ticket, no 5xx', async () => {
    const saleId = await publishSale();
    const users = await cluster.createUsers(1500);
    const attempts = shuffle(
      users.flatMap((user) => Array.from({ length: 2 }, () => ({ method: 'POST' as const, path: `/v1/flash-sales/${saleId}/attempts`, token: user.token }))),
    );

    const storm = fireAll(cluster.url, attempts, { retryConnectionErrors: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all([cluster.killApi(KILLED_API), cluster.killWorker(KILLED_WORKER)]);
    const responses = await storm;

    // A request inside the killed replica gets 502 from nginx; the client retries it, as apps do
    // with an attempt whose answer never came (the per-user limit makes the retry safe).
    const lost = responses.filter((response) => response.status === 502);
    const retried = await fireAll(
      cluster.url,
      lost.map((_, index) => attempts[responses.indexOf(lost[index])]),
    );
    const answers = [...responses.filter((response) => response.status !== 502), ...retried];
    expect(answers.filter((response) => response.status >= 500)).toEqual([]);
    expect(answers.filter((response) => ![202, 409].includes(response.status))).toEqual([]);

    const orders = await waitForOrders(saleId, STOCK);
    expect(orders).toBe(STOCK);
    const { rows } = await cluster.primary.query(
      `SELECT count(DISTINCT user_id)::int AS buyers, count(*)::int AS orders,
              (SELECT stock_remaining FROM flash_sales WHERE id = $1) AS "stockRemaining"
       FROM orders WHERE flash_sale_id = $1`,
      [saleId],
    );
    expect(rows[0]).toEqual({ buyers: STOCK, orders: STOCK, stockRemaining: 0 });
  }, 180_000);

  async function waitForOrders(saleId: number, expected: number): Promise<number> {
    const deadline = Date.now() + 90_000;
    let count = 0;
    while (Date.now() < deadline) {
      const { rows } = await cluster.primary.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE flash_sale_id = $1', [saleId]);
      count = rows[0].n;
      if (count >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return count;
  }
});
