import request from 'supertest';

import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { eventually, publishSale } from '@test/support/promotion-factories';
import { startTestApp, TestApp } from '@test/support/test-app';

describe('Flash sales', () => {
  let t: TestApp;
  let buyer: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ FLASH_SALE_PAY_TIMEOUT_SECONDS: '2', RATE_LIMIT_PER_USER: '1000', RATE_LIMIT_PER_IP: '100000' });
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    buyer = await createUser(t);
  });
  afterAll(() => t.close());

  const attempt = (saleId: number, who: TestUser = buyer) =>
    request(t.url).post(`/v1/flash-sales/${saleId}/attempts`).auth(who.token, { type: 'bearer' });
  const ticket = (saleId: number, ticketId: string, who: TestUser = buyer) =>
    request(t.url).get(`/v1/flash-sales/${saleId}/tickets/${ticketId}`).auth(who.token, { type: 'bearer' });

  it('accepts an attempt with a ticket that becomes a confirmed order', async () => {
    const sale = await publishSale(t, { stock: 5, productStock: 8 });

    const accepted = await attempt(sale.id).expect(202);

    expect(accepted.body).toEqual({ ticketId: expect.any(String), status: 'pending' });
    const confirmed = await eventually(
      async () => (await ticket(sale.id, accepted.body.ticketId).expect(200)).body,
      (body) => body.status === 'confirmed',
    );
    const [order] = await t.db.query('SELECT * FROM orders WHERE id = $1', [confirmed.orderId]);
    expect(order).toMatchObject({ user_id: buyer.id, source: 'flash_sale', status: 'created', total_cents: 990, flash_sale_id: sale.id });
    const [saleRow] = await t.db.query('SELECT stock_remaining FROM flash_sales WHERE id = $1', [sale.id]);
    expect(saleRow.stock_remaining).toBe(4);
    const [product] = await t.db.query('SELECT stock FROM products WHERE id = $1', [sale.productId]);
    expect(product.stock).toBe(3);
  });
});
