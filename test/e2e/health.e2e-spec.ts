import request from 'supertest';

import { resetDatabase } from '@test/support/cleanup';
import { createUser } from '@test/support/factories';
import { TcpProxy } from '@test/support/tcp-proxy';
import { startTestAppThrough, TestApp } from '@test/support/test-app';

/**
 * Case C06. The app talks to PostgreSQL and Redis through loopback proxies; stopping a proxy
 * takes that dependency away from this app instance only.
 */
describe('Health and dependency outages', () => {
  const postgresProxy = new TcpProxy('127.0.0.1', 5432);
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestAppThrough({ database: postgresProxy, redis: redisProxy });
  });
  afterAll(async () => {
    await t.close();
    await postgresProxy.stop();
    await redisProxy.stop();
  });

  it('is live and ready while both dependencies answer', async () => {
    await request(t.url).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(t.url).get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    expect(ready.body.info.queues).toMatchObject({
      status: 'up',
      'flash-sale-orders': { waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number) },
    });
  });

  it.each([
    ['redis', redisProxy],
    ['database', postgresProxy],
  ])('answers ready with 503 naming %s within a second while it is down, then recovers', async (name, proxy) => {
    await proxy.stop();
    try {
      const started = Date.now();
      const down = await request(t.url).get('/health/ready');
      const elapsed = Date.now() - started;

      expect(down.status).toBe(503);
      expect(elapsed).toBeLessThan(1000);
      expect(down.body.error).toBe('DEPENDENCY_UNAVAILABLE');
      expect(down.body.message).toContain(name);
      expect(down.body.details.error).toHaveProperty(name);
      await request(t.url).get('/health/live').expect(200);
    } finally {
      await proxy.start();
    }

    await expectEventually(async () => (await request(t.url).get('/health/ready')).status === 200);
  });

  it('keeps signing users in through PostgreSQL while Redis is down', async () => {
    await resetDatabase(t.db);
    const user = await createUser(t);
    await redisProxy.stop();
    try {
      const first = await request(t.url).post('/v1/sign-ins').auth(user.token, { type: 'bearer' }).expect(200);
      const again = await request(t.url).post('/v1/sign-ins').auth(user.token, { type: 'bearer' }).expect(200);
      expect(first.body.created).toBe(true);
      expect(again.body).toEqual({ ...first.body, created: false });
      await request(t.url).get('/v1/sign-ins/today').auth(user.token, { type: 'bearer' }).expect(200);
    } finally {
      await redisProxy.start();
    }
    await expectEventually(async () => (await request(t.url).get('/health/ready')).status === 200);
  });

  it('answers 503 quickly, not a hang, when PostgreSQL is down', async () => {
    const user = await createUser(t);
    await postgresProxy.stop();
    try {
      const started = Date.now();
      const response = await request(t.url).get('/v1/sign-ins/calendar').auth(user.token, { type: 'bearer' });

      expect(response.status).toBe(503);
      expect(response.body.error).toBe('DEPENDENCY_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await postgresProxy.start();
    }
    await expectEventually(async () => (await request(t.url).get('/health/ready')).status === 200);
  });
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
