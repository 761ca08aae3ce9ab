import { fireAll, StormResponse } from '@test/support/storm';

import { Cluster, connectCluster, shuffle } from './cluster-support';

const KILLED_REPLICA = 2;

/**
 * An API replica dies (SIGKILL, no graceful shutdown) in the middle of the sign-in storm. nginx
 * routes around it; the requests it was serving at that instant get 502 and are retried by the
 * client, as any client of an idempotent endpoint may. The invariant holds.
 */
describe('An API replica killed during the sign-in storm', () => {
  let cluster: Cluster;

  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(async () => {
    await cluster.startApi(KILLED_REPLICA);
    await cluster.close();
  });

  it('still stores exactly one sign-in per user, and only requests in flight on the dead replica fail', async () => {
    const users = await cluster.createUsers(1000);
    const requests = shuffle(
      users.flatMap((user) => Array.from({ length: 5 }, () => ({ method: 'POST' as const, path: '/v1/sign-ins', token: user.token }))),
    );

    let stormEndedAt = 0;
    const storm = fireAll(cluster.url, requests).finally(() => (stormEndedAt = Date.now()));
    let killedAt = 0;
    const kill = new Promise<void>((resolve, reject) =>
      setTimeout(() => {
        killedAt = Date.now();
        cluster.killApi(KILLED_REPLICA).then(resolve, reject);
      }, 1000),
    );
    const [responses] = await Promise.all([storm, kill]);

    // The replica died while the storm was still running.
    expect(stormEndedAt).toBeGreaterThan(killedAt);
    const failed = responses.map((response, i) => ({ response, request: requests[i] })).filter(({ response }) => response.status !== 200);
    expect(failed.filter(({ response }) => response.status !== 502)).toEqual([]);
    // At most the requests that were inside the dead replica at that instant.
    expect(failed.length).toBeLessThan(300);

    const retried: StormResponse[] = await fireAll(cluster.url, failed.map(({ request }) => request));
    expect(retried.filter((response) => response.status !== 200)).toEqual([]);
    const ids = users.map((user) => user.id);
    const { rows } = await cluster.primary.query(
      `SELECT count(*)::int AS "signIns", count(DISTINCT s.user_id)::int AS users,
              count(*) FILTER (WHERE u.points_balance <> s.points)::int AS "wrongBalances"
       FROM sign_ins s JOIN users u ON u.id = s.user_id WHERE s.user_id = ANY($1)`,
      [ids],
    );
    expect(rows[0]).toEqual({ signIns: 1000, users: 1000, wrongBalances: 0 });
    const created = [...responses, ...retried].filter((response) => (response.body as { created?: boolean })?.created);
    expect(created.length).toBeLessThanOrEqual(1000);
    expect(created.length).toBeGreaterThanOrEqual(1000 - failed.length);
  }, 120_000);
});
