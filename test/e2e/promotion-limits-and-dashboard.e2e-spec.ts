import request from 'supertest';

import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, createUsers } from '@test/support/factories';
import { publishSale } from '@test/support/promotion-factories';
import { startTestApp, TestApp } from '@test/support/test-app';

describe('Rate limits on attempts, and the queue dashboard', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_WINDOW_MS: '10000', RATE_LIMIT_PER_USER: '3', RATE_LIMIT_PER_IP: '8' });
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
  });
  afterAll(() => t.close());

  it('answers a user over the limit with 429 and Retry-After, counted in Redis', async () => {
    const sale = await publishSale(t, { stock: 100, perUserLimit: 100 });
    const user = await createUser(t);
    const attempt = () => request(t.url).post(`/v1/flash-sales/${sale.id}/attempts`).auth(user.token, { type: 'bearer' });

    for (let i = 0; i < 3; i++) await attempt().expect(202);
    const limited = await attempt().expect(429);

    expect(limited.body).toMatchObject({ statusCode: 429, error: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(10);
    expect(await t.redis.hget(`${t.config.redis.keyPrefix}fs:{${sale.id}}`, 'stock')).toBe('97');
    expect((await t.redis.keys(`{${t.config.redis.keyPrefix}rate:*`)).length).toBeGreaterThan(0);
  });

  it('limits one IP across many users', async () => {
    const sale = await publishSale(t, { stock: 100 });
    const users = await createUsers(t, 9);

    const statuses: number[] = [];
    for (const user of users) {
      statuses.push((await request(t.url).post(`/v1/flash-sales/${sale.id}/attempts`).auth(user.token, { type: 'bearer' })).status);
    }

    expect(statuses).toEqual([...Array(8).fill(202), 429]);
  });

  it('shows Bull Board to admins only', async () => {
    const admin = await createUser(t, 'admin');
    const user = await createUser(t);

    expect((await request(t.url).get('/v1/admin/queues')).status).toBe(401);
    expect((await request(t.url).get('/v1/admin/queues').auth(user.token, { type: 'bearer' })).body.error).toBe('FORBIDDEN');
    const page = await request(t.url).get('/v1/admin/queues').auth(admin.token, { type: 'bearer' }).expect(200);
    expect(page.text).toContain('<html');
    const queues = await request(t.url).get('/v1/admin/queues/api/queues').auth(admin.token, { type: 'bearer' }).expect(200);
    await request(t.url).get('/v1/admin/queues').set('cookie', `theme=dark; fm_board_token=${admin.token}`).expect(200);
    expect(queues.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual(['flash-sale-orders', 'flash-sale-timers', 'red-packets']);
  });
});
