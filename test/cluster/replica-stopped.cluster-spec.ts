import { fireAll } from '@test/support/storm';

import { Cluster, connectCluster, shuffle } from './cluster-support';

const STOPPED_REPLICA = 1;

/**
 * A rolling restart: an API replica gets SIGTERM in the middle of the sign-in storm and shuts down
 * gracefully (drain, finish requests in flight, exit). Through nginx, no request fails.
 */
describe('An API replica stopped gracefully during the sign-in storm', () => {
  let cluster: Cluster;

  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(async () => {
    await cluster.startApi(STOPPED_REPLICA);
    await cluster.close();
  });

  it('answers every request with 200 and stores exactly one sign-in per user', async () => {
    const users = await cluster.createUsers(1000);
    const requests = shuffle(
      users.flatMap((user) => Array.from({ length: 5 }, () => ({ method: 'POST' as const, path: '/v1/sign-ins', token: user.token }))),
    );

    let stormEndedAt = 0;
    const storm = fireAll(cluster.url, requests, { retryConnectionErrors: true }).finally(() => (stormEndedAt = Date.now()));
    let stopRequestedAt = 0;
    const stop = new Promise<void>((resolve, reject) =>
      setTimeout(() => {
        stopRequestedAt = Date.now();
        cluster.stopApi(STOPPED_REPLICA).then(resolve, reject);
      }, 1000),
    );
    const [responses] = await Promise.all([storm, stop]);

    expect(stormEndedAt).toBeGreaterThan(stopRequestedAt);
    expect(responses.filter((response) => response.status !== 200)).toEqual([]);
    const ids = users.map((user) => user.id);
    const { rows } = await cluster.primary.query(
      `SELECT count(*)::int AS "signIns", count(*) FILTER (WHERE u.points_balance <> s.points)::int AS "wrongBalances"
       FROM sign_ins s JOIN users u ON u.id = s.user_id WHERE s.user_id = ANY($1)`,
      [ids],
    );
    expect(rows[0]).toEqual({ signIns: 1000, wrongBalances: 0 });
    // A retried request whose first attempt did reach the app lost the answer that said `created`.
    const created = responses.filter((response) => (response.body as { created: boolean }).created).length;
    expect(created).toBeLessThanOrEqual(1000);
    expect(created + responses.retried).toBeGreaterThanOrEqual(1000);
  }, 120_000);
});
