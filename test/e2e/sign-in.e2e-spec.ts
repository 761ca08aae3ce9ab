import request from 'supertest';

import { SignInCache } from '@app/sign-in/sign-in-cache';
import { createUser, TestUser } from '@test/support/factories';
import { startTestApp, useTestApp } from '@test/support/test-app';

/** Business zone Asia/Shanghai (UTC+8, no daylight saving). */
describe('Daily sign-in', () => {
  const t = useTestApp();
  let user: TestUser;

  beforeEach(async () => {
    user = await createUser(t);
  });

  const signIn = (who: TestUser = user) => request(t.url).post('/v1/sign-ins').auth(who.token, { type: 'bearer' });
  const today = (who: TestUser = user) => request(t.url).get('/v1/sign-ins/today').auth(who.token, { type: 'bearer' });
  const storedSignIns = async (who: TestUser = user): Promise<{ day: string; points: number; streak: number }[]> =>
    t.db.query('SELECT day, points, streak FROM sign_ins WHERE user_id = $1 ORDER BY day', [who.id]);
  const pointsBalance = async (who: TestUser = user): Promise<number> =>
    (await t.db.query('SELECT points_balance FROM users WHERE id = $1', [who.id]))[0].points_balance;

  it('signs in once per day: a repeat answers with the same record and credits nothing', async () => {
    t.clock.set('2026-12-03T02:00:00Z');

    const first = await signIn().expect(200);
    const second = await signIn().expect(200);

    expect(first.body.created).toBe(true);
    expect(second.body.created).toBe(false);
    expect(second.body.signIn).toEqual(first.body.signIn);
    expect(first.body.signIn).toEqual({ day: '2026-12-03', points: 10, streak: 1, signedInAt: expect.any(String) });
    expect(await storedSignIns()).toHaveLength(1);
    expect(await pointsBalance()).toBe(10);
  });

  it('reports today before and after signing in', async () => {
    t.clock.set('2026-12-03T02:00:00Z');

    const before = await today().expect(200);
    expect(before.body).toEqual({ day: '2026-12-03', signedIn: false, signIn: null, currentStreak: 0 });

    await signIn().expect(200);
    const after = await today().expect(200);
    expect(after.body).toMatchObject({ day: '2026-12-03', signedIn: true, currentStreak: 1 });
  });

  it('case C11: 07:30 and 08:30 local are one day; 23:59 and 00:01 local are two', async () => {
    t.clock.set('2026-12-02T23:30:00Z'); // 07:30 on Dec 3 in Shanghai, still Dec 2 in UTC
    expect((await signIn().expect(200)).body.signIn.day).toBe('2026-12-03');

    t.clock.set('2026-12-03T00:30:00Z'); // 08:30 local
    const again = await signIn().expect(200);
    expect(again.body.created).toBe(false);
    expect(again.body.signIn.day).toBe('2026-12-03');

    t.clock.set('2026-12-03T15:59:00Z'); // 23:59 local, Dec 3
    expect((await signIn().expect(200)).body.created).toBe(false);

    t.clock.set('2026-12-03T16:01:00Z'); // 00:01 local, Dec 4
    const nextDay = await signIn().expect(200);
    expect(nextDay.body).toMatchObject({ created: true, signIn: { day: '2026-12-04', streak: 2 } });
    expect((await storedSignIns()).map((row) => row.day)).toEqual(['2026-12-03', '2026-12-04']);
  });

  it('splits days exactly at local midnight: 23:59:59 and 00:00:00 are different days', async () => {
    t.clock.set('2026-12-03T15:59:59Z');
    expect((await signIn().expect(200)).body.signIn.day).toBe('2026-12-03');

    t.clock.set('2026-12-03T16:00:00Z');
    expect((await signIn().expect(200)).body.signIn).toMatchObject({ day: '2026-12-04', streak: 2 });
  });

  it('case C11: keeps the business day when the database session runs in another time zone', async () => {
    const honolulu = await startTestApp({
      DATABASE_URL: `${t.config.database.url.reveal()}?options=-c%20TimeZone%3DPacific%2FHonolulu`,
    });
    try {
      const [{ TimeZone }] = await honolulu.db.query('SHOW TimeZone');
      expect(TimeZone).toBe('Pacific/Honolulu');

      honolulu.clock.set('2026-12-02T23:30:00Z'); // Dec 3 in Shanghai, Dec 2 in Honolulu and UTC
      const response = await request(honolulu.url).post('/v1/sign-ins').auth(user.token, { type: 'bearer' }).expect(200);

      expect(response.body.signIn.day).toBe('2026-12-03');
      expect(await storedSignIns()).toEqual([expect.objectContaining({ day: '2026-12-03' })]);
    } finally {
      await honolulu.close();
    }
  });

  it('grows the streak and its bonus on consecutive days, and restarts it after a gap', async () => {
    const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-05'];
    for (const day of days) {
      t.clock.set(`${day}T04:00:00Z`);
      await signIn().expect(200);
    }

    expect(await storedSignIns()).toEqual([
      { day: '2026-12-01', streak: 1, points: 10 },
      { day: '2026-12-02', streak: 2, points: 15 },
      { day: '2026-12-03', streak: 3, points: 20 },
      { day: '2026-12-05', streak: 1, points: 10 },
    ]);
    expect(await pointsBalance()).toBe(55);
  });

  it('keeps a streak alive through today until the day ends unsigned', async () => {
    t.clock.set('2026-12-02T04:00:00Z');
    await signIn().expect(200);

    t.clock.set('2026-12-03T04:00:00Z');
    expect((await today().expect(200)).body).toMatchObject({ signedIn: false, currentStreak: 1 });

    t.clock.set('2026-12-04T04:00:00Z');
    expect((await today().expect(200)).body).toMatchObject({ signedIn: false, currentStreak: 0 });
  });

  it("returns the month's calendar and the current streak", async () => {
    for (const day of ['2026-11-30', '2026-12-01', '2026-12-02']) {
      t.clock.set(`${day}T04:00:00Z`);
      await signIn().expect(200);
    }

    const december = await request(t.url).get('/v1/sign-ins/calendar').auth(user.token, { type: 'bearer' }).expect(200);
    expect(december.body.month).toBe('2026-12');
    expect(december.body.days.map((entry: { day: string }) => entry.day)).toEqual(['2026-12-01', '2026-12-02']);
    expect(december.body.currentStreak).toBe(3);

    const november = await request(t.url)
      .get('/v1/sign-ins/calendar?month=2026-11')
      .auth(user.token, { type: 'bearer' })
      .expect(200);
    expect(november.body.days).toHaveLength(1);
  });

  it.each(['2026-13', '2026-1', 'december', '2026-12-01'])('refuses calendar month %s with 400', async (month) => {
    const response = await request(t.url)
      .get(`/v1/sign-ins/calendar?month=${month}`)
      .auth(user.token, { type: 'bearer' })
      .expect(400);
    expect(response.body.error).toBe('VALIDATION_FAILED');
  });

  describe('cache', () => {
    const bucketKey = (day: string) => t.app.get(SignInCache).bucketKey(user.id, day);

    it("answers today's status from Redis once cached, without PostgreSQL", async () => {
      t.clock.set('2026-12-03T04:00:00Z');
      await signIn().expect(200);
      // Remove the row behind the cache's back: only a cache hit can still report it.
      await t.db.query('DELETE FROM sign_ins WHERE user_id = $1', [user.id]);

      expect((await today().expect(200)).body.signedIn).toBe(true);
    });

    it('reads PostgreSQL on a miss and fills the small per-day bucket hash', async () => {
      t.clock.set('2026-12-03T04:00:00Z');
      await signIn().expect(200);
      await t.redis.del(bucketKey('2026-12-03'));

      expect((await today().expect(200)).body.signedIn).toBe(true);
      const cached = await t.redis.hget(bucketKey('2026-12-03'), String(user.id));
      expect(JSON.parse(cached ?? 'null')).toMatchObject({ day: '2026-12-03', streak: 1 });
    });

    it('gives every bucket key an expiry within the configured lifetime (never -1)', async () => {
      t.clock.set('2026-12-03T04:00:00Z');
      await today().expect(200);
      await signIn().expect(200);

      const ttl = await t.redis.ttl(bucketKey('2026-12-03'));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(t.config.signIn.cacheTtlSeconds);
    });

    it('spreads users over the configured number of buckets', () => {
      const cache = t.app.get(SignInCache);
      const keys = new Set(Array.from({ length: 5000 }, (_, id) => cache.bucketKey(id + 1, '2026-12-03')));
      expect(keys.size).toBe(t.config.signIn.buckets);
    });

    it('lets a sign-in through after a cached "not signed in" answer', async () => {
      t.clock.set('2026-12-03T04:00:00Z');
      expect((await today().expect(200)).body.signedIn).toBe(false);

      expect((await signIn().expect(200)).body.created).toBe(true);
      expect((await today().expect(200)).body.signedIn).toBe(true);
    });

    it('recovers when a claim holder died: a stale claim falls back to the database guard', async () => {
      t.clock.set('2026-12-03T04:00:00Z');
      await t.redis.hset(bucketKey('2026-12-03'), String(user.id), 'p:dead-request');

      const response = await signIn().expect(200);
      expect(response.body.created).toBe(true);
      expect(await storedSignIns()).toHaveLength(1);
    });
  });
});
