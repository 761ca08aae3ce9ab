import request from 'supertest';

import { ReadThroughCache } from '@app/cache/read-through-cache';
import { PROFILE_CACHE } from '@app/users/profile-cache-policy';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, TestUser } from '@test/support/factories';
import { countQueries } from '@test/support/query-counter';
import { startTestApp, TestApp } from '@test/support/test-app';

const address = {
  label: 'Home',
  recipient: 'Li Lei',
  phone: '+8613800138000',
  line1: '1 Century Avenue',
  city: 'Shanghai',
  country: 'CN',
  isDefault: true,
};

describe('User center profile', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    t.clock.set('2026-12-03T04:00:00Z');
    user = await createUser(t);
  });
  afterAll(() => t.close());

  const me = (who: TestUser = user) => request(t.url).get('/v1/me').auth(who.token, { type: 'bearer' });
  const patch = (body: unknown, who: TestUser = user) =>
    request(t.url).patch('/v1/me').auth(who.token, { type: 'bearer' }).send(body as object);
  const profileKey = (who: TestUser = user) => t.app.get(ReadThroughCache).redisKey(PROFILE_CACHE, who.id);

  it('shows the account, balances in integer units, the level and the sign-in summary', async () => {
    await t.db.query('UPDATE users SET points_balance = 620, wallet_balance_cents = 10050 WHERE id = $1', [user.id]);

    const profile = (await me().expect(200)).body;

    expect(profile).toEqual({
      id: user.id,
      email: user.email,
      displayName: expect.any(String),
      avatarUrl: null,
      phone: null,
      addresses: [],
      pointsBalance: 620,
      walletBalanceCents: 10050,
      level: { rank: 2, name: 'Silver', pointsToNext: 1380 },
      signIn: { day: '2026-12-03', signedIn: false, signIn: null, currentStreak: 0 },
    });
  });

  it('reads PostgreSQL on a miss, then answers from Redis without touching PostgreSQL', async () => {
    const cold = (await me().expect(200)).body;
    expect(await t.redis.exists(profileKey())).toBe(1);

    const queries = countQueries();
    let warm;
    try {
      warm = (await me().expect(200)).body;
      expect(queries.count()).toBe(0);
    } finally {
      queries.stop();
    }
    expect(warm).toEqual(cold);
  });

  it('case C02: the cached profile expires within its 60-second lifetime, never -1 and never hours', async () => {
    await me().expect(200);

    const ttlSeconds = await t.redis.ttl(profileKey());

    expect(t.config.profile.cacheTtlSeconds).toBe(60);
    expect(ttlSeconds).toBeGreaterThanOrEqual(1);
    expect(ttlSeconds).toBeLessThanOrEqual(60);
  });

  it('case C01: user B reading right after user A gets B\'s profile, never A\'s cached one', async () => {
    const other = await createUser(t);
    await t.db.query('UPDATE users SET wallet_balance_cents = 777 WHERE id = $1', [other.id]);

    const a = (await me().expect(200)).body;
    const b = (await me(other).expect(200)).body;

    expect(a).toMatchObject({ id: user.id, email: user.email, walletBalanceCents: 0 });
    expect(b).toMatchObject({ id: other.id, email: other.email, walletBalanceCents: 777 });
  });

  it('case C13: the wallet balance is the same JSON number from PostgreSQL and from the cache', async () => {
    await t.db.query('UPDATE users SET wallet_balance_cents = 123456789 WHERE id = $1', [user.id]);

    const fresh = (await me().expect(200)).body;
    const cached = (await me().expect(200)).body;

    expect(fresh.walletBalanceCents).toBe(123456789);
    expect(cached.walletBalanceCents).toBe(123456789);
    expect(typeof cached.pointsBalance).toBe('number');
  });

  it('updates the profile, invalidates the cache and reads the new values back', async () => {
    await me().expect(200);

    const updated = await patch({
      displayName: 'Han Meimei',
      avatarUrl: 'https://img.example/avatar.png',
      phone: '+8613900139000',
      addresses: [address, { ...address, label: 'Office', isDefault: false }],
    }).expect(200);
    const readBack = await me().expect(200);

    expect(updated.body).toMatchObject({ displayName: 'Han Meimei', phone: '+8613900139000' });
    expect(readBack.body).toEqual(updated.body);
    expect(readBack.body.addresses).toEqual([
      { ...address, line2: '', region: '', postalCode: '' },
      { ...address, label: 'Office', isDefault: false, line2: '', region: '', postalCode: '' },
    ]);
  });

  it('changes only the fields given, and clears a field set to null', async () => {
    await patch({ displayName: 'First', phone: '+8613900139000', addresses: [address] }).expect(200);

    const cleared = (await patch({ phone: null }).expect(200)).body;

    expect(cleared).toMatchObject({ displayName: 'First', phone: null });
    expect(cleared.addresses).toHaveLength(1);
  });

  it.each([
    ['an empty body', {}],
    ['an unknown field', { role: 'admin' }],
    ['a points balance', { pointsBalance: 1_000_000 }],
    ['an empty display name', { displayName: '   ' }],
    ['a display name of 41 characters', { displayName: 'x'.repeat(41) }],
    ['a plain-http avatar', { avatarUrl: 'http://img.example/a.png' }],
    ['a phone without country code', { phone: '13800138000' }],
    ['a lower-case country', { addresses: [{ ...address, country: 'cn' }] }],
    ['two default addresses', { addresses: [address, { ...address, label: 'Office' }] }],
    ['eleven addresses', { addresses: Array.from({ length: 11 }, (_, i) => ({ ...address, label: `A${i}`, isDefault: false })) }],
  ])('refuses %s with 400 and changes nothing', async (_name, body) => {
    await me().expect(200);

    const response = await patch(body).expect(400);

    expect(response.body.error).toBe('VALIDATION_FAILED');
    const [stored] = await t.db.query('SELECT display_name, phone, avatar_url, points_balance FROM users WHERE id = $1', [user.id]);
    expect(stored).toEqual({ display_name: expect.stringMatching(/^User /), phone: null, avatar_url: null, points_balance: 0 });
    expect(await t.db.query('SELECT 1 FROM user_addresses')).toEqual([]);
  });

  it('shows the points of a sign-in made after the profile was cached', async () => {
    await me().expect(200);

    await request(t.url).post('/v1/sign-ins').auth(user.token, { type: 'bearer' }).expect(200);
    const profile = (await me().expect(200)).body;

    expect(profile.signIn).toMatchObject({ signedIn: true, currentStreak: 1 });
    expect(profile.pointsBalance).toBe(10);
  });

  it('keeps concurrent address replacements whole: one list wins, never a mix or a 5xx', async () => {
    const lists = Array.from({ length: 8 }, (_, i) => [
      { ...address, label: `L${i}-a`, isDefault: false },
      { ...address, label: `L${i}-b`, isDefault: false },
    ]);

    const responses = await Promise.all(lists.map((addresses) => patch({ addresses })));

    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    const stored: { label: string }[] = await t.db.query('SELECT label FROM user_addresses ORDER BY position');
    expect(stored).toHaveLength(2);
    expect(stored[0].label.split('-')[0]).toBe(stored[1].label.split('-')[0]);
  });

  it('needs a token', async () => {
    await request(t.url).get('/v1/me').expect(401);
  });
});
