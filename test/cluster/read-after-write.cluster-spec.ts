import request from 'supertest';

import { Cluster, connectCluster } from './cluster-support';

interface Calendar {
  days: { day: string; points: number }[];
  currentStreak: number;
}

/**
 * Reads that may be stale go to the streaming replica; a user's own fresh write must still show.
 * Replay on the replica is paused, so it is as stale as a replica can be while the user signs in.
 */
describe('Read-after-write with a read replica', () => {
  let cluster: Cluster;

  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(async () => {
    await cluster.replica.query('SELECT pg_wal_replay_resume()');
    await cluster.close();
  });

  it('serves the calendar from the replica, yet shows the sign-in the user stored a moment ago', async () => {
    const [user] = await cluster.createUsers(1);
    await waitUntilReplicated(cluster, user.id);
    await cluster.replica.query('SELECT pg_wal_replay_pause()');

    const signIn = await request(cluster.url).post('/v1/sign-ins').auth(user.token, { type: 'bearer' }).expect(200);
    for (let read = 0; read < 6; read++) {
      // Every replica behind nginx answers in turn: each must show the fresh sign-in.
      const calendar = await request(cluster.url).get('/v1/sign-ins/calendar').auth(user.token, { type: 'bearer' }).expect(200);
      expect((calendar.body as Calendar).days).toEqual([signIn.body.signIn]);
      expect((calendar.body as Calendar).currentStreak).toBe(1);
    }

    const onReplica = await cluster.replica.query('SELECT count(*)::int AS count FROM sign_ins WHERE user_id = $1', [user.id]);
    expect(onReplica.rows[0].count).toBe(0);
    const replicaReaders = await cluster.replica.query(
      `SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'flashmart-api'`,
    );
    expect(replicaReaders.rows[0].count).toBeGreaterThan(0);

    await cluster.replica.query('SELECT pg_wal_replay_resume()');
    await waitUntil(async () => {
      const { rows } = await cluster.replica.query('SELECT count(*)::int AS count FROM sign_ins WHERE user_id = $1', [user.id]);
      return rows[0].count === 1;
    });
  }, 60_000);
});

async function waitUntilReplicated(cluster: Cluster, userId: number): Promise<void> {
  await waitUntil(async () => {
    const { rows } = await cluster.replica.query('SELECT count(*)::int AS count FROM users WHERE id = $1', [userId]);
    return rows[0].count === 1;
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
