import { randomInt } from 'node:crypto';

import { FlashSaleStore } from '@app/promotions/flash-sales/flash-sale-store';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUsers } from '@test/support/factories';
import { eventually, publishSale } from '@test/support/promotion-factories';
import { fireAll, StormRequest } from '@test/support/storm';
import { startTestApp, TestApp } from '@test/support/test-app';

/** The flash-sale invariants under real concurrency: never oversell, never lose an accepted ticket. */
describe('Flash-sale storm', () => {
  let t: TestApp;
  let store: FlashSaleStore;

  beforeAll(async () => {
    // The storms come from one IP and few users: the limits must not be what decides.
    t = await startTestApp({ RATE_LIMIT_PER_USER: '1000', RATE_LIMIT_PER_IP: '1000000' });
    store = t.app.get(FlashSaleStore);
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
  });
  afterAll(() => t.close());

  const attemptOf = (saleId: number) => (token: string): StormRequest => ({ method: 'POST', path: `/v1/flash-sales/${saleId}/attempts`, token });

  async function expectDrained(saleId: number, accepted: string[], perUserLimit: number): Promise<void> {
    await eventually(
      async () => (await t.db.query('SELECT count(*)::int AS n FROM orders WHERE flash_sale_id = $1', [saleId]))[0].n,
      (n) => n >= accepted.length,
      90_000,
    );
    const orders: { ticket_id: string; user_id: number }[] = await t.db.query('SELECT ticket_id, user_id FROM orders WHERE flash_sale_id = $1', [saleId]);
    expect(orders).toHaveLength(accepted.length);
    expect(new Set(orders.map((order) => order.ticket_id))).toEqual(new Set(accepted));
    const perUser = new Map<number, number>();
    for (const order of orders) perUser.set(order.user_id, (perUser.get(order.user_id) ?? 0) + 1);
    expect(Math.max(...perUser.values())).toBeLessThanOrEqual(perUserLimit);

    const [sale] = await t.db.query('SELECT stock_remaining FROM flash_sales WHERE id = $1', [saleId]);
    expect(sale.stock_remaining).toBe(0);
    expect(await t.redis.hget(store.saleKey(saleId), 'stock')).toBe('0');
    await eventually(() => t.redis.hlen(store.saleKey(saleId, 'pending')), (pending) => pending === 0);
  }

  it('stock 1,000; 3,000 users fire 10,000 attempts with duplicates: exactly 1,000 orders after the drain, no 5xx', async () => {
    const perUserLimit = 2;
    const sale = await publishSale(t, { stock: 1000, perUserLimit });
    const users = await createUsers(t, 3000);
    const tokens = [...users, ...Array.from({ length: 7000 }, () => users[randomInt(users.length)])].map((user) => user.token);

    const started = Date.now();
    const responses = await fireAll(t.url, shuffle(tokens).map(attemptOf(sale.id)));
    const fired = Date.now();

    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([202, 409]));
    const accepted = responses.filter((response) => response.status === 202).map((response) => (response.body as { ticketId: string }).ticketId);
    expect(accepted).toHaveLength(1000);
    const refusals = new Set(responses.filter((response) => response.status === 409).map((response) => (response.body as { error: string }).error));
    expect([...refusals].every((code) => code === 'SOLD_OUT' || code === 'ALREADY_BOUGHT')).toBe(true);

    await expectDrained(sale.id, accepted, perUserLimit);
    const drained = Date.now();
    process.stdout.write(
      `flash-sale storm: 10,000 attempts in ${fired - started} ms (${Math.round(10_000 / ((fired - started) / 1000))}/s); ` +
        `all 1,000 orders stored ${drained - started} ms after the first attempt\n`,
    );
  }, 180_000);

  it('case C08 (flash sale): stock 10, 200 users at the same instant: exactly 10 succeed, stock 0 in Redis and PostgreSQL', async () => {
    const sale = await publishSale(t, { stock: 10 });
    const users = await createUsers(t, 200);

    const responses = await fireAll(t.url, users.map((user) => attemptOf(sale.id)(user.token)));

    const accepted = responses.filter((response) => response.status === 202).map((response) => (response.body as { ticketId: string }).ticketId);
    expect(accepted).toHaveLength(10);
    expect(responses.filter((response) => response.status !== 202).map((response) => (response.body as { error: string }).error)).toEqual(
      Array(190).fill('SOLD_OUT'),
    );
    await expectDrained(sale.id, accepted, 1);
    const [product] = await t.db.query('SELECT stock FROM products WHERE id = $1', [sale.productId]);
    expect(product.stock).toBe(0);
  });
});

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
