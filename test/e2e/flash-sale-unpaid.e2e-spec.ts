import request from 'supertest';

import { FlashSaleStore } from '@app/promotions/flash-sales/flash-sale-store';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { eventually, publishSale } from '@test/support/promotion-factories';
import { startTestApp, TestApp } from '@test/support/test-app';

/** Flash-sale orders not paid in time (FLASH_SALE_PAY_TIMEOUT_SECONDS=2 here). */
describe('Unpaid flash-sale orders', () => {
  let t: TestApp;
  let buyer: TestUser;
  let admin: TestUser;
  let store: FlashSaleStore;

  beforeAll(async () => {
    t = await startTestApp({ FLASH_SALE_PAY_TIMEOUT_SECONDS: '2', RATE_LIMIT_PER_USER: '1000', RATE_LIMIT_PER_IP: '100000' });
    store = t.app.get(FlashSaleStore);
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    buyer = await createUser(t);
    admin = await createUser(t, 'admin');
  });
  afterAll(() => t.close());

  const attempt = (saleId: number) => request(t.url).post(`/v1/flash-sales/${saleId}/attempts`).auth(buyer.token, { type: 'bearer' });
  const adminPost = (path: string) => request(t.url).post(`/v1/admin/flash-sales${path}`).auth(admin.token, { type: 'bearer' });
  const confirmedTicket = (saleId: number, ticketId: string) =>
    eventually(
      async () => (await request(t.url).get(`/v1/flash-sales/${saleId}/tickets/${ticketId}`).auth(buyer.token, { type: 'bearer' }).expect(200)).body,
      (body) => body.status !== 'pending',
    );
  const saleRow = async (saleId: number) => (await t.db.query('SELECT * FROM flash_sales WHERE id = $1', [saleId]))[0];
  const productStock = async (productId: number): Promise<number> =>
    (await t.db.query('SELECT stock FROM products WHERE id = $1', [productId]))[0].stock;
  const redisStock = async (saleId: number): Promise<number> => Number(await t.redis.hget(store.saleKey(saleId), 'stock'));

  it('cancels an order not paid in time and returns its unit to the sale in Redis and PostgreSQL', async () => {
    const sale = await publishSale(t, { stock: 1 });
    const accepted = await attempt(sale.id).expect(202);
    const { orderId } = await confirmedTicket(sale.id, accepted.body.ticketId);
    expect(await redisStock(sale.id)).toBe(0);
    expect((await saleRow(sale.id)).stock_remaining).toBe(0);

    const [order] = await eventually(
      () => t.db.query('SELECT status, cancelled_at FROM orders WHERE id = $1', [orderId]),
      (rows) => rows[0].status === 'cancelled',
      15_000,
    );

    expect(order.cancelled_at).toBeInstanceOf(Date);
    await eventually(() => redisStock(sale.id), (stock) => stock === 1);
    expect((await saleRow(sale.id)).stock_remaining).toBe(1);
    // The unit and the buyer's quota are back: the same buyer may buy again.
    await attempt(sale.id).expect(202);
  });

  it('an order left unpaid after its sale ended gives its unit back to the product', async () => {
    const sale = await publishSale(t, { stock: 3, productStock: 3 });
    const accepted = await attempt(sale.id).expect(202);
    // Ended before the deadline: the order is written, the two unsold units are back at the product.
    await adminPost(`/${sale.id}/end`).expect(200);
    const { orderId } = await confirmedTicket(sale.id, accepted.body.ticketId);

    await eventually(
      async () => (await t.db.query('SELECT status FROM orders WHERE id = $1', [orderId]))[0].status,
      (status) => status === 'cancelled',
      15_000,
    );

    expect(await productStock(sale.productId)).toBe(3);
    expect(await saleRow(sale.id)).toMatchObject({ stock_remaining: 0, returned_stock: 3 });
    expect(await redisStock(sale.id)).toBe(0);
  });
});
