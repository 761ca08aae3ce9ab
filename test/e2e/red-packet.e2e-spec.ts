import request from 'supertest';

import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUser, createUsers, TestUser } from '@test/support/factories';
import { eventually } from '@test/support/promotion-factories';
import { fireAll, StormResponse } from '@test/support/storm';
import { startTestApp, TestApp } from '@test/support/test-app';

describe('Red packets', () => {
  let t: TestApp;
  let creator: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_USER: '1000', RATE_LIMIT_PER_IP: '1000000' });
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
    creator = await createUser(t);
    await t.db.query('UPDATE users SET wallet_balance_cents = 1000000 WHERE id = $1', [creator.id]);
  });
  afterAll(() => t.close());

  const create = (body: object, who: TestUser = creator) => request(t.url).post('/v1/red-packets').auth(who.token, { type: 'bearer' }).send(body);
  const grabOf = (packetId: number) => (user: TestUser) => ({ method: 'POST' as const, path: `/v1/red-packets/${packetId}/grabs`, token: user.token });
  const wallet = async (user: TestUser): Promise<number> =>
    (await t.db.query('SELECT wallet_balance_cents FROM users WHERE id = $1', [user.id]))[0].wallet_balance_cents;
  const grabsStored = async (packetId: number): Promise<{ user_id: number; amount_cents: number }[]> =>
    t.db.query('SELECT user_id, amount_cents FROM red_packet_grabs WHERE packet_id = $1', [packetId]);
  const succeeded = (responses: StormResponse[]) => responses.filter((response) => response.status === 200);

  /** Every winner's wallet holds exactly its one share, credited once; the stored grabs match the answers. */
  async function expectRecorded(packetId: number, grabbers: TestUser[], responses: StormResponse[], total: number): Promise<void> {
    const wins = responses
      .map((response, index) => ({ response, user: grabbers[index] }))
      .filter(({ response }) => response.status === 200)
      .map(({ response, user }) => ({ user, amount: (response.body as { amountCents: number }).amountCents }));
    expect(new Set(wins.map((win) => win.user.id)).size).toBe(wins.length);
    expect(wins.reduce((sum, win) => sum + win.amount, 0)).toBe(total);
    expect(Math.min(...wins.map((win) => win.amount))).toBeGreaterThanOrEqual(1);

    const stored = await eventually(() => grabsStored(packetId), (rows) => rows.length >= wins.length);
    expect(stored).toHaveLength(wins.length);
    for (const win of wins) expect(await wallet(win.user)).toBe(win.amount);
    const [{ credited }] = await t.db.query('SELECT coalesce(sum(wallet_balance_cents), 0)::bigint AS credited FROM users WHERE id <> $1', [creator.id]);
    expect(credited).toBe(total);
  }

  it('100 shares for 5,000 concurrent grabbers: exactly 100 grabs by distinct users, summing to the total, credited once', async () => {
    const packet = await create({ totalCents: 88_888, shares: 100, expiresInSeconds: 600 }).expect(201);
    expect(packet.body).toMatchObject({ totalCents: 88_888, shares: 100, sharesLeft: 100, status: 'active' });
    expect(await wallet(creator)).toBe(1_000_000 - 88_888);
    const grabbers = await createUsers(t, 5000);

    const responses = await fireAll(t.url, grabbers.map(grabOf(packet.body.id)));

    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    expect(succeeded(responses)).toHaveLength(100);
    expect(new Set(responses.filter((response) => response.status !== 200).map((response) => (response.body as { error: string }).error))).toEqual(
      new Set(['RED_PACKET_EMPTY']),
    );
    await expectRecorded(packet.body.id, grabbers, responses, 88_888);
  }, 120_000);

  it('case C09: 20 simultaneous grabs by one user give one share; 50 users on a 10-share packet of 100.00 get 10 shares summing to 100.00', async () => {
    const single = await create({ totalCents: 500, shares: 5, expiresInSeconds: 600 }).expect(201);
    const greedy = await createUser(t);

    const repeated = await fireAll(t.url, Array.from({ length: 20 }, () => grabOf(single.body.id)(greedy)));

    expect(succeeded(repeated)).toHaveLength(1);
    const won = (succeeded(repeated)[0].body as { amountCents: number }).amountCents;
    for (const response of repeated.filter((response) => response.status !== 200)) {
      expect(response.body).toMatchObject({ statusCode: 409, error: 'ALREADY_GRABBED', details: { amountCents: won } });
    }
    await eventually(() => wallet(greedy), (balance) => balance === won);

    await t.db.query('UPDATE users SET wallet_balance_cents = 0 WHERE id = $1', [greedy.id]);
    const packet = await create({ totalCents: 10_000, shares: 10, expiresInSeconds: 600 }).expect(201);
    const fifty = await createUsers(t, 50);
    const responses = await fireAll(t.url, fifty.map(grabOf(packet.body.id)));
    expect(succeeded(responses)).toHaveLength(10);
    await expectRecorded(packet.body.id, fifty, responses, 10_000);
  });

  it('refunds the shares left to the creator when the packet expires', async () => {
    const packet = await create({ totalCents: 1000, shares: 10, expiresInSeconds: 2 }).expect(201);
    const grabbers = await createUsers(t, 3);
    const responses = await fireAll(t.url, grabbers.map(grabOf(packet.body.id)));
    const grabbed = succeeded(responses).reduce((sum, response) => sum + (response.body as { amountCents: number }).amountCents, 0);

    const [expired] = await eventually(
      () => t.db.query('SELECT status, refunded_cents FROM red_packets WHERE id = $1', [packet.body.id]),
      (rows) => rows[0].status === 'expired',
      15_000,
    );

    expect(expired.refunded_cents).toBe(1000 - grabbed);
    expect(await wallet(creator)).toBe(1_000_000 - grabbed);
    const late = await request(t.url).post(`/v1/red-packets/${packet.body.id}/grabs`).auth((await createUser(t)).token, { type: 'bearer' }).expect(409);
    expect(late.body.error).toBe('RED_PACKET_EXPIRED');
    const view = await request(t.url).get(`/v1/red-packets/${packet.body.id}`).auth(creator.token, { type: 'bearer' }).expect(200);
    expect(view.body).toMatchObject({ status: 'expired', refundedCents: 1000 - grabbed, sharesLeft: 0 });
  });

  it('rejects bad packets with 4xx and writes nothing', async () => {
    for (const bad of [
      { totalCents: 0, shares: 1, expiresInSeconds: 60 },
      { totalCents: -100, shares: 1, expiresInSeconds: 60 },
      { totalCents: 100, shares: 0, expiresInSeconds: 60 },
      { totalCents: 99, shares: 100, expiresInSeconds: 60 },
      { totalCents: 100, shares: 2, expiresInSeconds: 0 },
      { totalCents: 10.5, shares: 2, expiresInSeconds: 60 },
      { totalCents: 100, shares: 2 },
    ]) {
      const response = await create(bad);
      expect([response.status, response.body.error]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const poor = await createUser(t);
    expect((await create({ totalCents: 100, shares: 2, expiresInSeconds: 60 }, poor).expect(409)).body.error).toBe('INSUFFICIENT_BALANCE');
    const unknown = await request(t.url).post('/v1/red-packets/424242/grabs').auth(poor.token, { type: 'bearer' }).expect(404);
    expect(unknown.body.error).toBe('RED_PACKET_NOT_FOUND');

    expect((await t.db.query('SELECT count(*)::int AS n FROM red_packets'))[0].n).toBe(0);
    expect(await wallet(creator)).toBe(1_000_000);
    expect(await wallet(poor)).toBe(0);
  });
});
