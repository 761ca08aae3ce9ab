import { fireAll } from '@test/support/storm';

import { Cluster, connectCluster, shuffle } from './cluster-support';

/** The sign-in invariant across 3 API replicas behind nginx, on a Redis Cluster. */
describe('Sign-in storm through the load balancer', () => {
  let cluster: Cluster;

  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(() => cluster.close());

  it('1,000 users each firing 5 simultaneous sign-ins store exactly 1,000 sign-ins, with no 5xx', async () => {
    const users = await cluster.createUsers(1000);
    const requests = users.flatMap((user) =>
      Array.from({ length: 5 }, () => ({ method: 'POST' as const, path: '/v1/sign-ins', token: user.token })),
    );

    const responses = await fireAll(cluster.url, shuffle(requests));

    expect(responses.filter((response) => response.status !== 200)).toEqual([]);
    expect(responses.filter((response) => (response.body as { created: boolean }).created)).toHaveLength(1000);
    const ids = users.map((user) => user.id);
    const { rows } = await cluster.primary.query(
      `SELECT count(*)::int AS "signIns", count(*) FILTER (WHERE u.points_balance <> s.points)::int AS "wrongBalances"
       FROM sign_ins s JOIN users u ON u.id = s.user_id WHERE s.user_id = ANY($1)`,
      [ids],
    );
    expect(rows[0]).toEqual({ signIns: 1000, wrongBalances: 0 });
  }, 120_000);
});
