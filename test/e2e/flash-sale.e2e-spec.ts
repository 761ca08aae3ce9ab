import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';

import { FlashSaleStore } from '@app/promotions/flash-sales/flash-sale-store';
import { QueueNames } from '@app/queue/queue-names';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { createProduct, eventually, publishSale } from '@test/support/promotion-factories';
import { startTestApp, TestApp } from '@test/support/test-app';

describe('Flash sales', () => {
  let t: TestApp;
  let buyer: TestUser;
  let admin: TestUser;
  let store: FlashSaleStore;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_USER: '1000', RATE_LIMIT_PER_IP: '100000' });
    store = t.app.get(FlashSaleStore);
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    buyer = await createUser(t);
    admin = await createUser(t, 'admin');
  });
  afterAll(() => t.close());

  const attempt = (saleId: number, who: TestUser = buyer) =>
    request(t.url).post(`/v1/flash-sales/${saleId}/attempts`).auth(who.token, { type: 'bearer' });
  const ticket = (saleId: number, ticketId: string, who: TestUser = buyer) =>
    request(t.url).get(`/v1/flash-sales/${saleId}/tickets/${ticketId}`).auth(who.token, { type: 'bearer' });
  const adminPost = (path: string, body?: object) =>
    request(t.url).post(`/v1/admin/flash-sales${path}`).auth(admin.token, { type: 'bearer' }).send(body);
  const confirmedTicket = (saleId: number, ticketId: string, who: TestUser = buyer) =>
    eventually(
      async () => (await ticket(saleId, ticketId, who).expect(200)).body,
      (body) => body.status !== 'pending',
    );
  const saleRow = async (saleId: number) => (await t.db.query('SELECT * FROM flash_sales WHERE id = $1', [saleId]))[0];
  const productStock = async (productId: number): Promise<number> =>
    (await t.db.query('SELECT stock FROM products WHERE id = $1', [productId]))[0].stock;
  const redisStock = async (saleId: number): Promise<number> => Number(await t.redis.hget(store.saleKey(saleId), 'stock'));
  const orderCount = async (): Promise<number> => (await t.db.query('SELECT count(*)::int AS n FROM orders'))[0].n;

  it('accepts an attempt with a ticket that becomes a confirmed order, stock reserved from the product', async () => {
    const sale = await publishSale(t, { stock: 5, productStock: 8 });

    const accepted = await attempt(sale.id).expect(202);

    expect(accepted.body).toEqual({ ticketId: expect.any(String), status: 'pending' });
    const confirmed = await confirmedTicket(sale.id, accepted.body.ticketId);
    expect(confirmed).toEqual({ ticketId: accepted.body.ticketId, status: 'confirmed', orderId: expect.any(Number) });
    const [order] = await t.db.query('SELECT * FROM orders WHERE id = $1', [confirmed.orderId]);
    expect(order).toMatchObject({ user_id: buyer.id, source: 'flash_sale', status: 'created', total_cents: 990, flash_sale_id: sale.id });
    expect(order.pay_deadline).toBeInstanceOf(Date);
    const [line] = await t.db.query('SELECT * FROM order_lines WHERE order_id = $1', [order.id]);
    expect(line).toMatchObject({ product_id: sale.productId, quantity: 1, unit_price_cents: 990 });
    expect((await saleRow(sale.id)).stock_remaining).toBe(4);
    expect(await redisStock(sale.id)).toBe(4);
    expect(await productStock(sale.productId)).toBe(3);
  });

  it('refuses clearly: already bought, sold out, not started, ended, unknown or unpublished sale', async () => {
    const sale = await publishSale(t, { stock: 1, perUserLimit: 1 });
    await attempt(sale.id).expect(202);
    expect((await attempt(sale.id).expect(409)).body.error).toBe('ALREADY_BOUGHT');
    expect((await attempt(sale.id, await createUser(t)).expect(409)).body.error).toBe('SOLD_OUT');

    const later = await publishSale(t, { stock: 3, startsAt: new Date(Date.now() + 3600_000), endsAt: new Date(Date.now() + 7200_000) });
    expect((await attempt(later.id).expect(409)).body.error).toBe('SALE_NOT_STARTED');
    t.clock.set(new Date(Date.now() + 3 * 3600_000));
    expect((await attempt(later.id).expect(409)).body.error).toBe('SALE_ENDED');
    t.clock.set(new Date());

    const productId = await createProduct(t, 10);
    const draft = await adminPost('', {
      productId,
      priceCents: 100,
      stock: 2,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 60_000).toISOString(),
    }).expect(201);
    expect((await attempt(draft.body.id).expect(404)).body.error).toBe('FLASH_SALE_NOT_FOUND');
    expect((await attempt(987_654).expect(404)).body.error).toBe('FLASH_SALE_NOT_FOUND');
    await attempt(Number.NaN).expect(400);
    await eventually(() => orderCount(), (n) => n === 1);
    expect(await t.redis.exists(store.saleKey(draft.body.id))).toBe(0);
  });

  it('rejects bad sales with 4xx and writes nothing', async () => {
    const productId = await createProduct(t, 10);
    const valid = {
      productId,
      priceCents: 100,
      stock: 2,
      perUserLimit: 1,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 60_000).toISOString(),
    };

    for (const bad of [
      { stock: 0 },
      { stock: -5 },
      { priceCents: -1 },
      { perUserLimit: 0 },
      { endsAt: valid.startsAt, startsAt: valid.endsAt },
      { startsAt: 'yesterday' },
      { extra: true },
    ]) {
      const response = await adminPost('', { ...valid, ...bad });
      expect([response.status, response.body.error]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await adminPost('', { ...valid, productId: 999_999 }).expect(404)).body.error).toBe('PRODUCT_NOT_FOUND');
    await request(t.url).post('/v1/admin/flash-sales').auth(buyer.token, { type: 'bearer' }).send(valid).expect(403);

    const tooBig = await adminPost('', { ...valid, stock: 11 }).expect(201);
    expect((await adminPost(`/${tooBig.body.id}/publish`).expect(409)).body.error).toBe('INSUFFICIENT_PRODUCT_STOCK');
    expect((await adminPost(`/${tooBig.body.id}/stock`, { quantity: 0 }).expect(400)).body.error).toBe('VALIDATION_FAILED');
    const past = await adminPost('', { ...valid, startsAt: new Date(Date.now() - 7200_000).toISOString(), endsAt: new Date(Date.now() - 3600_000).toISOString() }).expect(201);
    expect((await adminPost(`/${past.body.id}/publish`).expect(409)).body.error).toBe('SALE_NOT_PUBLISHABLE');

    expect((await t.db.query(`SELECT count(*)::int AS n FROM flash_sales WHERE status <> 'draft'`))[0].n).toBe(0);
    expect(await productStock(productId)).toBe(10);
    expect(await t.redis.exists(store.saleKey(tooBig.body.id))).toBe(0);
    expect(await t.redis.exists(store.saleKey(past.body.id))).toBe(0);
  });

  it('publishing twice reserves the stock once', async () => {
    const sale = await publishSale(t, { stock: 4, productStock: 10 });

    await adminPost(`/${sale.id}/publish`).expect(200);

    expect(await productStock(sale.productId)).toBe(6);
    expect(await redisStock(sale.id)).toBe(4);
  });

  it('adds stock to a live sale and ends it early, giving the unsold units back to the product', async () => {
    const sale = await publishSale(t, { stock: 2, productStock: 10, perUserLimit: 5 });
    const soldOutFirst = [await attempt(sale.id).expect(202), await attempt(sale.id).expect(202)];
    expect((await attempt(sale.id).expect(409)).body.error).toBe('SOLD_OUT');

    const added = await adminPost(`/${sale.id}/stock`, { quantity: 3 }).expect(200);
    expect(added.body).toMatchObject({ totalStock: 5, stockLeft: 3 });
    await attempt(sale.id).expect(202);
    expect(await productStock(sale.productId)).toBe(5);

    const ended = await adminPost(`/${sale.id}/end`).expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', returnedStock: 2, stockLeft: 0 });
    expect((await attempt(sale.id).expect(409)).body.error).toBe('SALE_ENDED');
    expect((await adminPost(`/${sale.id}/stock`, { quantity: 1 }).expect(409)).body.error).toBe('SALE_NOT_LIVE');
    await adminPost(`/${sale.id}/end`).expect(200);

    for (const accepted of soldOutFirst) expect((await confirmedTicket(sale.id, accepted.body.ticketId)).status).toBe('confirmed');
    await eventually(() => orderCount(), (n) => n === 3);
    await eventually(async () => (await saleRow(sale.id)).stock_remaining, (n) => n === 0);
    expect(await productStock(sale.productId)).toBe(7);
    const kinds = await t.db.query('SELECT kind, quantity FROM flash_sale_adjustments WHERE flash_sale_id = $1 ORDER BY id', [sale.id]);
    expect(kinds).toEqual([
      { kind: 'publish', quantity: 2 },
      { kind: 'add_stock', quantity: 3 },
      { kind: 'end', quantity: 2 },
    ]);
  });

  it('closes a sale by itself at its end time and returns the unsold units', async () => {
    const sale = await publishSale(t, { stock: 4, productStock: 4, endsAt: new Date(Date.now() + 1500) });
    await attempt(sale.id).expect(202);
    await eventually(() => orderCount(), (n) => n === 1);

    const closed = await eventually(() => saleRow(sale.id), (row) => row.status === 'ended', 15_000);

    expect(closed).toMatchObject({ returned_stock: 3, total_stock: 4, stock_remaining: 0 });
    expect(await productStock(sale.productId)).toBe(3);
    expect((await attempt(sale.id, await createUser(t)).expect(409)).body.error).toBe('SALE_ENDED');
  });

  it('answers a ticket from PostgreSQL once Redis has forgotten it', async () => {
    const sale = await publishSale(t, { stock: 2 });
    const accepted = await attempt(sale.id).expect(202);
    const { orderId } = await confirmedTicket(sale.id, accepted.body.ticketId);

    await t.redis.del(store.saleKey(sale.id, 'ticket', accepted.body.ticketId));

    expect((await ticket(sale.id, accepted.body.ticketId).expect(200)).body).toEqual({ ticketId: accepted.body.ticketId, status: 'confirmed', orderId });
    await ticket(sale.id, accepted.body.ticketId, await createUser(t)).expect(404);
  });

  it('case C05: a ticket job run again after its order was committed still makes one order, stock taken once', async () => {
    const sale = await publishSale(t, { stock: 3 });
    const accepted = await attempt(sale.id).expect(202);
    const { orderId } = await confirmedTicket(sale.id, accepted.body.ticketId);
    const queue = t.app.get<Queue>(getQueueToken(QueueNames.flashSaleOrders));

    // As BullMQ does with a job whose worker died before acknowledging: the same job id runs again.
    await (await queue.getJob(accepted.body.ticketId))?.remove();
    const rerun = await queue.add('write-order', { ticketId: accepted.body.ticketId, saleId: sale.id, userId: buyer.id }, { jobId: accepted.body.ticketId });
    await eventually(() => rerun.getState(), (state) => state === 'completed');

    expect((await queue.getJob(accepted.body.ticketId))?.returnvalue).toEqual({ orderId });
    expect(await orderCount()).toBe(1);
    expect((await saleRow(sale.id)).stock_remaining).toBe(2);
    expect(await redisStock(sale.id)).toBe(2);
  });

  it('a ticket whose job keeps failing ends failed with its reason, visible in the failed set, its unit released', async () => {
    const sale = await publishSale(t, { stock: 2 });
    const ticketId = randomUUID();
    const ghost = { id: 999_999, token: buyer.token };
    // An accepted ticket of a user who does not exist: the order insert violates the foreign key.
    await t.redis.hincrby(store.saleKey(sale.id), 'stock', -1);
    await t.redis.hset(store.saleKey(sale.id, 'pending'), ticketId, ghost.id);
    await t.redis.hset(store.saleKey(sale.id, 'ticket', ticketId), 'user', ghost.id, 'state', 'pending');
    const queue = t.app.get<Queue>(getQueueToken(QueueNames.flashSaleOrders));

    const job = await queue.add('write-order', { ticketId, saleId: sale.id, userId: ghost.id }, { jobId: ticketId, attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    await eventually(() => job.getState(), (state) => state === 'failed');

    const failed = await queue.getJob(ticketId);
    expect(failed?.failedReason).toMatch(/foreign key/);
    expect(failed?.attemptsMade).toBe(2);
    await eventually(() => redisStock(sale.id), (stock) => stock === 2);
    const fields = await t.redis.hgetall(store.saleKey(sale.id, 'ticket', ticketId));
    expect(fields).toMatchObject({ state: 'failed', reason: expect.stringMatching(/foreign key/) });
    expect(await orderCount()).toBe(0);
  });

  it('shows a ticket to its owner only', async () => {
    const sale = await publishSale(t, { stock: 2 });
    const accepted = await attempt(sale.id).expect(202);

    expect((await ticket(sale.id, accepted.body.ticketId, await createUser(t)).expect(404)).body.error).toBe('TICKET_NOT_FOUND');
    await ticket(sale.id, 'not-a-uuid').expect(400);
  });

  it('reconciliation finds planted drift in Redis stock, PostgreSQL stock and lost tickets, and repairs it', async () => {
    const sale = await publishSale(t, { stock: 10, perUserLimit: 10 });
    for (let i = 0; i < 3; i++) await attempt(sale.id).expect(202);
    await eventually(() => orderCount(), (n) => n === 3);
    await eventually(async () => (await t.redis.hlen(store.saleKey(sale.id, 'pending'))) === 0, Boolean);
    const clean = await adminPost(`/${sale.id}/reconciliation`, {}).expect(200);
    expect(clean.body).toMatchObject({ consistent: true, redis: { stock: 7, pendingTickets: 0 }, database: { soldUnits: 3, stockRemaining: 7 } });

    // Planted: Redis gained 5 phantom units; PostgreSQL lost 2; one accepted ticket lost its queue entry.
    await t.redis.hincrby(store.saleKey(sale.id), 'stock', 5);
    await t.db.query('UPDATE flash_sales SET stock_remaining = stock_remaining - 2 WHERE id = $1', [sale.id]);
    const lostTicket = randomUUID();
    await t.redis.hincrby(store.saleKey(sale.id), 'stock', -1);
    await t.redis.hset(store.saleKey(sale.id, 'pending'), lostTicket, buyer.id);
    await t.redis.hset(store.saleKey(sale.id, 'ticket', lostTicket), 'user', buyer.id, 'state', 'pending');

    const report = await adminPost(`/${sale.id}/reconciliation`, { repair: false }).expect(200);

    expect(report.body).toMatchObject({
      consistent: false,
      repaired: false,
      redis: { stock: 11, pendingTickets: 1 },
      expected: { redisStock: 6, stockRemaining: 7 },
      drift: { redisStock: 5, stockRemaining: -2, oversold: false },
      lostTickets: [lostTicket],
    });
    expect(await redisStock(sale.id)).toBe(11);

    const repaired = await adminPost(`/${sale.id}/reconciliation`, { repair: true }).expect(200);
    expect(repaired.body.repaired).toBe(true);
    expect((await confirmedTicket(sale.id, lostTicket)).status).toBe('confirmed');
    const after = await adminPost(`/${sale.id}/reconciliation`, {}).expect(200);
    expect(after.body).toMatchObject({ consistent: true, redis: { stock: 6 }, database: { soldUnits: 4, stockRemaining: 6 } });
    expect(await redisStock(sale.id)).toBe(6);
    const [adjustment] = await t.db.query(`SELECT details FROM flash_sale_adjustments WHERE kind = 'reconcile'`);
    expect(adjustment.details.drift).toEqual({ redisStock: 5, stockRemaining: -2, oversold: false });
  });

  it('the reconciliation command reports planted drift, and repairs it with --repair', async () => {
    const sale = await publishSale(t, { stock: 5 });
    await t.redis.hincrby(store.saleKey(sale.id), 'stock', -2);
    const root = join(__dirname, '..', '..');
    const command = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/reconcile-flash-sale.ts', ...args], {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: 'silent' },
      });

    const found = await command(String(sale.id)).catch((error: { code: number; stdout: string }) => error);
    expect((found as { code: number }).code).toBe(2);
    expect(JSON.parse(found.stdout)).toMatchObject({ consistent: false, drift: { redisStock: -2 } });

    const repaired = await command(String(sale.id), '--repair');
    expect(JSON.parse(repaired.stdout)).toMatchObject({ repaired: true });
    expect(await redisStock(sale.id)).toBe(5);
  }, 60_000);
});
