import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUsers, TestUser } from '@test/support/factories';
import { publishSale } from '@test/support/promotion-factories';
import { fireAll, StormRequest } from '@test/support/storm';
import { startTestApp, TestApp } from '@test/support/test-app';

/**
 * Throughput of the promotion hot paths beside a bare route, on this machine. A measurement, not a
 * check: skipped unless BENCH=1 (`BENCH=1 npx jest --selectProjects e2e test/e2e/promotions-hot-path`).
 */
const describeBench = process.env.BENCH === '1' ? describe : describe.skip;

describeBench('Promotions hot paths (benchmark)', () => {
  let t: TestApp;
  let users: TestUser[];

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLE: 'api', RATE_LIMIT_PER_USER: '100000', RATE_LIMIT_PER_IP: '100000000' });
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    users = await createUsers(t, 2000);
  });
  afterAll(async () => {
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    await t.close();
  });

  async function requestsPerSecond(make: (i: number) => StormRequest, count = 6000): Promise<number> {
    await fireAll(t.url, Array.from({ length: 500 }, (_, i) => make(i)), { connections: 64 });
    const started = Date.now();
    await fireAll(t.url, Array.from({ length: count }, (_, i) => make(i)), { connections: 64 });

    return Math.round(count / ((Date.now() - started) / 1000));
  }

  it('compares an accepted and a refused attempt with a bare route', async () => {
    const open = await publishSale(t, { stock: 100_000, perUserLimit: 1000 });
    const soldOut = await publishSale(t, { stock: 1 });
    const token = (i: number) => users[i % users.length].token;

    const results = {
      'GET /health/live (no auth)': await requestsPerSecond(() => ({ method: 'GET', path: '/health/live' })),
      'POST attempt, accepted': await requestsPerSecond((i) => ({ method: 'POST', path: `/v1/flash-sales/${open.id}/attempts`, token: token(i) })),
      'POST attempt, sold out (409)': await requestsPerSecond((i) => ({ method: 'POST', path: `/v1/flash-sales/${soldOut.id}/attempts`, token: token(i) })),
    };

    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  }, 300_000);
});
